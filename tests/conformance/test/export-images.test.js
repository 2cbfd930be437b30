'use strict';
// ExportImages through tencentcloud-sdk-nodejs-cvm against the emulator's catalog (the demo catalog,
// or any other): every rule of Tencent's export guide, and a real export that lands in COS.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { sharedEmulator } = require('../lib/emulator');
const { cosClient, cvmClient, expectCvmError, uniqueSuffix } = require('../lib/clients');
const { classify, describeAll, randomId } = require('../lib/catalog');
const { assertExportResponse, assertFilesLand, expectedCosPaths } = require('../lib/exports');
const codes = require('../lib/codes');

describe('ExportImages', () => {
  let emulator;
  let endpoints;
  let cvm;
  let cos;
  let kinds;

  before(async () => {
    emulator = await sharedEmulator();
    endpoints = emulator.endpoints;
    cvm = cvmClient(endpoints);
    cos = cosClient(endpoints);
    kinds = classify((await describeAll(cvm)).images);
  });
  after(async () => emulator && emulator.stop());

  const only = (list, what) => {
    assert.ok(list.length > 0, `the catalog has ${what}`);
    return list[0];
  };
  const exportOf = (image, extra = {}) =>
    cvm.ExportImages({ ImageIds: [image.ImageId], BucketName: endpoints.bucket, ...extra });

  async function assertNothingWritten(prefix) {
    const listing = await cos.getBucket({ Bucket: endpoints.bucket, Region: endpoints.region, Prefix: prefix });
    assert.deepEqual(listing.Contents, [], `nothing under ${prefix}`);
  }

  it('answers DryRunOperation for an image that may be exported, and exports nothing', async () => {
    const prefix = `dry-${uniqueSuffix()}`;
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable Linux custom image'), { DryRun: true, FileNamePrefixList: [prefix] }),
      'DryRunOperation');
    await assertNothingWritten(prefix);
  });

  it('refuses a Windows custom image, also on a dry run', async () => {
    const windows = only(kinds.windows, 'a Windows custom image');
    await expectCvmError(exportOf(windows), codes.windows);
    await expectCvmError(exportOf(windows, { DryRun: true }), codes.windows);
  });

  it('refuses an image with a disk over 500 GiB', async () => {
    await expectCvmError(exportOf(only(kinds.diskTooLarge, 'an image with a disk over 500 GiB')), codes.diskTooLarge);
  });

  it('refuses a whole-image export with more than five data disks', async () => {
    await expectCvmError(exportOf(only(kinds.tooManyDataDisks, 'an image with six data disks')), codes.tooManyDataDisks);
  });

  it('refuses a public image', async () => {
    await expectCvmError(exportOf(only(kinds.public, 'a public image')), codes.publicImage);
  });

  it('refuses an image it does not know, and a malformed id', async () => {
    await expectCvmError(exportOf({ ImageId: randomId('img') }), 'InvalidImageId.NotFound');
    await expectCvmError(exportOf({ ImageId: 'image-1' }), 'InvalidImageId.Malformed');
  });

  it('refuses a bucket that does not exist', async () => {
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable image'), { BucketName: `missing${uniqueSuffix()}-${endpoints.appId}` }),
      'InvalidParameterValue.BucketNotFound');
  });

  it('refuses a bucket in another region', async () => {
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable image'), { BucketName: `elsewhere-${endpoints.appId}` }),
      codes.bucketInOtherRegion);
  });

  it('refuses a bucket CVM_QcsRole may not write', async () => {
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable image'), { BucketName: `readonly-${endpoints.appId}` }),
      'InvalidParameterValue.InvalidBucketPermissionForExport');
  });

  it('refuses a bucket name without this account\'s APPID', async () => {
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable image'), { BucketName: 'imageexport-1000000001' }),
      'InvalidParameterValue.InvalidAppIdFormat');
  });

  it('refuses a role that does not exist', async () => {
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable image'), { RoleName: `NoSuchRole${uniqueSuffix()}` }),
      'AuthFailure.CamRoleNameAuthenticateFailed');
  });

  it('refuses a FileNamePrefixList whose length differs from ImageIds', async () => {
    await expectCvmError(
      exportOf(only(kinds.exportable, 'an exportable image'), { FileNamePrefixList: ['one', 'two'] }),
      'InvalidParameterValue.InvalidFileNamePrefixList');
  });

  it('exports every disk of an image to the paths it names, and the files land with the disks\' sizes', async () => {
    const image = only(kinds.exportable, 'an exportable image');
    const prefix = `whole-${uniqueSuffix()}`;
    const response = await exportOf(image, { FileNamePrefixList: [prefix], ExportFormat: 'RAW' });
    const expected = expectedCosPaths(image, { prefix });
    assertExportResponse(response, expected);
    await assertFilesLand(cos, endpoints, endpoints.bucket, expected);
  });

  it('exports only the system disk of an image with six data disks when OnlyExportRootDisk is set', async () => {
    const image = only(kinds.tooManyDataDisks, 'an image with six data disks');
    const prefix = `root-${uniqueSuffix()}`;
    const response = await exportOf(image, { FileNamePrefixList: [prefix], OnlyExportRootDisk: true });
    const expected = expectedCosPaths(image, { prefix, onlyRootDisk: true });
    assert.equal(expected.length, 1);
    assertExportResponse(response, expected);
    await assertFilesLand(cos, endpoints, endpoints.bucket, expected);
  });
});
