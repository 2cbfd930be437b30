'use strict';
// --export-naming console: files named the way the console's export guide shows them (<prefix>_xvda.raw),
// which the notify function must still recognise.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { startEmulator } = require('../lib/emulator');
const { GiB, cosClient, cvmClient, uniqueSuffix } = require('../lib/clients');
const { classify, dataDisks, randomCatalog, systemDisk } = require('../lib/catalog');
const { assertExportResponse, assertFilesLand } = require('../lib/exports');

describe('exports named the console way', () => {
  let emulator;
  let endpoints;
  let image;

  before(async () => {
    const catalog = randomCatalog({ exportable: 3 });
    // One with data disks, so the names after xvda show too.
    image = classify(catalog).exportable.find((i) => dataDisks(i).length > 0);
    emulator = await startEmulator({ images: catalog, exportNaming: 'console', exportSecondsPerGib: 0.02 });
    endpoints = emulator.endpoints;
  });
  after(async () => emulator && emulator.stop());

  it('names the system disk <prefix>_xvda and the data disks xvdb, xvdc… in order', async () => {
    const prefix = `console-${uniqueSuffix()}`;
    const response = await cvmClient(endpoints).ExportImages({
      ImageIds: [image.ImageId],
      BucketName: endpoints.bucket,
      FileNamePrefixList: [prefix],
    });
    const disks = [systemDisk(image), ...dataDisks(image)];
    assert.ok(disks.length > 1);
    const expected = disks.map((disk, n) => ({
      path: `/${prefix}_xvd${String.fromCharCode(97 + n)}.raw`,
      bytes: disk.DiskSize * GiB,
    }));
    assertExportResponse(response, expected);
    await assertFilesLand(cosClient(endpoints), endpoints, endpoints.bucket, expected);
  });
});
