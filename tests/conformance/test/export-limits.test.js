'use strict';
// Exports that are still running: an image busy exporting, and the limit on running export tasks.
// Runs its own emulator with slow exports and a limit of two, so "still running" is certain.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { startEmulator } = require('../lib/emulator');
const { cosClient, cvmClient, expectCvmError, uniqueSuffix } = require('../lib/clients');
const { randomCatalog, classify } = require('../lib/catalog');
const { assertExportResponse, expectedCosPaths, headOrNull, keyOf } = require('../lib/exports');
const codes = require('../lib/codes');

const EXPORT_LIMIT = 2;
// An hour per GiB: no export started here finishes while the tests run.
const SECONDS_PER_GIB = 3600;

describe('ExportImages while exports are running', () => {
  let emulator;
  let endpoints;
  let cvm;
  let cos;
  let images;

  before(async () => {
    const catalog = randomCatalog({ exportable: EXPORT_LIMIT + 2 });
    emulator = await startEmulator({ images: catalog, exportLimit: EXPORT_LIMIT, exportSecondsPerGib: SECONDS_PER_GIB });
    endpoints = emulator.endpoints;
    cvm = cvmClient(endpoints);
    cos = cosClient(endpoints);
    images = classify(catalog).exportable;
    assert.ok(images.length >= EXPORT_LIMIT + 1);
  });
  after(async () => emulator && emulator.stop());

  const exportOf = (image, extra = {}) =>
    cvm.ExportImages({ ImageIds: [image.ImageId], BucketName: endpoints.bucket, ...extra });

  it('a dry run starts nothing: the same image exports right after it', async () => {
    await expectCvmError(exportOf(images[0], { DryRun: true }), 'DryRunOperation');
    const prefix = `first-${uniqueSuffix()}`;
    const response = await exportOf(images[0], { FileNamePrefixList: [prefix] });
    const expected = expectedCosPaths(images[0], { prefix });
    assertExportResponse(response, expected);
    // The files appear only when the simulated export is over, an hour per GiB from now.
    for (const { path } of expected) {
      assert.equal(await headOrNull(cos, endpoints, endpoints.bucket, keyOf(path)), null, `${path} not there yet`);
    }
  });

  it('refuses to export an image that is already exporting', async () => {
    await expectCvmError(exportOf(images[0], { FileNamePrefixList: [`again-${uniqueSuffix()}`] }), codes.busy);
  });

  it('refuses a new export once the running-export limit is reached', async () => {
    for (let n = 1; n < EXPORT_LIMIT; n++) {
      const response = await exportOf(images[n]);
      assertExportResponse(response, expectedCosPaths(images[n], {}));
    }
    await expectCvmError(exportOf(images[EXPORT_LIMIT]), codes.taskLimit);
  });
});
