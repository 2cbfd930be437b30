'use strict';
// A catalog made up for this run (random ids, names, platforms, sizes), passed with --images to an
// emulator of its own: the SDKs see exactly that catalog, and exports follow its disks.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { startEmulator } = require('../lib/emulator');
const { cosClient, cvmClient, expectCvmError, uniqueSuffix } = require('../lib/clients');
const { classify, dataDisks, describeAll, randomCatalog } = require('../lib/catalog');
const { assertExportResponse, assertFilesLand, expectedCosPaths } = require('../lib/exports');
const codes = require('../lib/codes');

// Field by field what --images gave; the emulator may add fields of its own.
const CATALOG_FIELDS = ['ImageId', 'ImageName', 'ImageType', 'ImageState', 'Platform', 'OsName', 'ImageSize',
  'Architecture', 'ImageSource', 'SnapshotSet'];

describe('an image catalog the emulator has not seen', () => {
  let emulator;
  let endpoints;
  let cvm;
  let cos;
  let catalog;
  let kinds;

  before(async () => {
    catalog = randomCatalog();
    kinds = classify(catalog);
    emulator = await startEmulator({ images: catalog, exportSecondsPerGib: 0.02 });
    endpoints = emulator.endpoints;
    cvm = cvmClient(endpoints);
    cos = cosClient(endpoints);
  });
  after(async () => emulator && emulator.stop());

  const byId = (images) => new Map(images.map((i) => [i.ImageId, i]));
  const pickFields = (image) => Object.fromEntries(CATALOG_FIELDS.map((f) => [f, image[f]]));
  const exportOf = (images, extra = {}) =>
    cvm.ExportImages({ ImageIds: images.map((i) => i.ImageId), BucketName: endpoints.bucket, ...extra });

  it('DescribeImages returns that catalog and nothing else', async () => {
    const { images, total } = await describeAll(cvm);
    assert.equal(total, catalog.length);
    const served = byId(images);
    assert.deepEqual([...served.keys()].sort(), catalog.map((i) => i.ImageId).sort());
    for (const image of catalog) {
      assert.deepEqual(pickFields(served.get(image.ImageId)), pickFields(image));
    }
  });

  it('filters that catalog by name and by type', async () => {
    const target = kinds.exportable[0];
    const named = await cvm.DescribeImages({ Filters: [{ Name: 'image-name', Values: [target.ImageName] }] });
    assert.deepEqual(named.ImageSet.map((i) => i.ImageId), [target.ImageId]);

    const publicOnes = await cvm.DescribeImages({ Filters: [{ Name: 'image-type', Values: ['PUBLIC_IMAGE'] }] });
    assert.deepEqual(publicOnes.ImageSet.map((i) => i.ImageId).sort(), kinds.public.map((i) => i.ImageId).sort());
  });

  it('refuses each image a rule forbids', async () => {
    await expectCvmError(exportOf(kinds.windows), codes.windows);
    for (const image of kinds.diskTooLarge) await expectCvmError(exportOf([image]), codes.diskTooLarge);
    await expectCvmError(exportOf(kinds.tooManyDataDisks), codes.tooManyDataDisks);
    await expectCvmError(exportOf(kinds.public), codes.publicImage);
    await expectCvmError(exportOf(kinds.shared), codes.sharedImage);
    await expectCvmError(exportOf(kinds.notReady), codes.notReady);
  });

  it('exports two images in one call, each under its own prefix, and every disk lands at its size', async () => {
    const images = kinds.exportable.slice(0, 2);
    const prefixes = images.map((_, n) => `pair${n}-${uniqueSuffix()}`);
    const response = await exportOf(images, { FileNamePrefixList: prefixes });
    const expected = images.flatMap((image, n) => expectedCosPaths(image, { prefix: prefixes[n] }));
    assert.equal(expected.length, images.reduce((sum, i) => sum + 1 + dataDisks(i).length, 0));
    assertExportResponse(response, expected);
    await assertFilesLand(cos, endpoints, endpoints.bucket, expected);
  });

  it('names the files by the export format', async () => {
    const image = kinds.exportable[2];
    const prefix = `qcow-${uniqueSuffix()}`;
    const response = await exportOf([image], { FileNamePrefixList: [prefix], ExportFormat: 'QCOW2', OnlyExportRootDisk: true });
    assert.equal(response.CosPaths.length, 1);
    assert.match(response.CosPaths[0], new RegExp(`^/${prefix}_${image.ImageId}_system_snap-[a-z0-9]{8}\\.qcow2$`));
  });

  it('exports the system disk of a six-data-disk image when OnlyExportRootDisk is set', async () => {
    const [image] = kinds.tooManyDataDisks;
    const response = await exportOf([image], { OnlyExportRootDisk: true });
    const expected = expectedCosPaths(image, { onlyRootDisk: true });
    assertExportResponse(response, expected);
    await assertFilesLand(cos, endpoints, endpoints.bucket, expected);
  });
});
