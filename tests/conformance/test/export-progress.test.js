'use strict';
// A running export as Tencent's COS SDK sees it: the disk is a multipart upload (ListMultipartUploads) whose parts
// (ListParts) grow at the export's speed until it is completed and the object appears; listings page by markers.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { startEmulator } = require('../lib/emulator');
const { cosClient, cvmClient, eventually, uniqueSuffix, GiB } = require('../lib/clients');
const { classify, describeAll } = require('../lib/catalog');
const { headOrNull, keyOf } = require('../lib/exports');

const list = (value) => [].concat(value || []);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ListMultipartUploads and ListParts of a running export', () => {
  let emulator;
  let endpoints;
  let cvm;
  let cos;
  let where;

  before(async () => {
    // Slow enough to watch: 0.2 s per GiB, parts of 1 GiB.
    emulator = await startEmulator({ exportSecondsPerGib: 0.2 });
    endpoints = emulator.endpoints;
    cvm = cvmClient(endpoints);
    cos = cosClient(endpoints);
    where = { Bucket: endpoints.bucket, Region: endpoints.region };
  });
  after(async () => emulator && emulator.stop());

  async function partsOf(key, uploadId) {
    const parts = [];
    let marker;
    for (;;) {
      const page = await cos.multipartListPart({ ...where, Key: key, UploadId: uploadId, MaxParts: 5, PartNumberMarker: marker });
      parts.push(...list(page.Part));
      if (String(page.IsTruncated) !== 'true') return parts;
      marker = page.NextPartNumberMarker;
    }
  }

  it('shows the disk as an upload whose parts grow, then completes it into the object', async () => {
    const image = classify((await describeAll(cvm)).images).exportable.find((i) => i.SnapshotSet.every((s) => s.DiskSize >= 10));
    assert.ok(image, 'an exportable image with disks of 10 GiB or more');
    const prefix = `progress-${uniqueSuffix()}`;
    const answer = await cvm.ExportImages({ ImageIds: [image.ImageId], BucketName: endpoints.bucket, FileNamePrefixList: [prefix] });
    const key = keyOf(answer.CosPaths[0]);

    const upload = await eventually(async () => list((await cos.multipartList({ ...where, Prefix: prefix })).Upload).find((u) => u.Key === key),
      { timeoutMs: 30_000, intervalMs: 100, what: `an upload of ${key}` });
    assert.ok(upload.UploadId, 'the upload has an UploadId');
    const early = await eventually(async () => {
      const parts = await partsOf(key, upload.UploadId);
      return parts.length >= 2 ? parts : null;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'two parts' });
    await sleep(1000);
    const later = await partsOf(key, upload.UploadId).catch(() => null);

    for (const part of early) {
      assert.equal(Number(part.Size), GiB, 'parts of 1 GiB');
      assert.ok(!Number.isNaN(Date.parse(part.LastModified)), `LastModified ${part.LastModified}`);
    }
    assert.deepEqual(early.map((p) => Number(p.PartNumber)), early.map((_, n) => n + 1));
    if (later) assert.ok(later.length > early.length, `more parts a second later (${early.length} then ${later.length})`);

    const disk = image.SnapshotSet.find((s) => s.DiskUsage === 'SYSTEM_DISK');
    const head = await eventually(() => headOrNull(cos, endpoints, endpoints.bucket, key), { timeoutMs: 60_000, intervalMs: 250, what: `${key} landed` });
    assert.equal(Number(head.headers['content-length']), disk.DiskSize * GiB);
    assert.match(head.headers.etag, /-\d+"$/, 'a multipart ETag');
    assert.ok(!list((await cos.multipartList({ ...where, Prefix: key })).Upload).some((u) => u.UploadId === upload.UploadId), 'the upload is gone');
  });

  it('pages uploads by key and upload-id markers', async () => {
    const prefix = `paging-${uniqueSuffix()}/`;
    const started = [];
    for (const name of ['a.raw', 'a.raw', 'b.raw']) {
      started.push((await cos.multipartInit({ ...where, Key: prefix + name })).UploadId);
    }

    const seen = [];
    let keyMarker;
    let uploadIdMarker;
    for (let page = 0; page < 10; page++) {
      const listed = await cos.multipartList({ ...where, Prefix: prefix, MaxUploads: 1, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker });
      seen.push(...list(listed.Upload).map((u) => u.UploadId));
      if (String(listed.IsTruncated) !== 'true') break;
      keyMarker = listed.NextKeyMarker;
      uploadIdMarker = listed.NextUploadIdMarker;
    }

    assert.deepEqual(seen, started);
    for (const [n, name] of ['a.raw', 'a.raw', 'b.raw'].entries()) {
      await cos.multipartAbort({ ...where, Key: prefix + name, UploadId: started[n] });
    }
  });
});
