'use strict';
// The COS XML API through cos-nodejs-sdk-v5 (path-style, as endpoints.json describes the emulator).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { after, before, describe, it } = require('node:test');
const { sharedEmulator } = require('../lib/emulator');
const { cosClient, cosError, httpRequest, uniqueSuffix, xmlErrorCode } = require('../lib/clients');

describe('COS', () => {
  let emulator;
  let endpoints;
  let cos;
  let at;

  before(async () => {
    emulator = await sharedEmulator();
    endpoints = emulator.endpoints;
    cos = cosClient(endpoints);
    at = (Key, extra = {}) => ({ Bucket: endpoints.bucket, Region: endpoints.region, Key, ...extra });
  });
  after(async () => emulator && emulator.stop());

  const newKey = (name) => `conformance/${uniqueSuffix()}/${name}`;
  const presignedUrl = (client, params) =>
    new Promise((resolve, reject) =>
      client.getObjectUrl(params, (error, data) => (error ? reject(error) : resolve(data.Url))));

  it('puts, heads, gets and deletes an object', async () => {
    const key = newKey('hello.txt');
    const body = Buffer.from(`hello from the conformance suite ${uniqueSuffix()}\n`);
    const put = await cos.putObject(at(key, { Body: body, ContentType: 'text/plain' }));
    assert.equal(put.statusCode, 200);
    assert.ok(put.ETag, 'PUT answers an ETag');

    const head = await cos.headObject(at(key));
    assert.equal(head.statusCode, 200);
    assert.equal(Number(head.headers['content-length']), body.length);
    assert.equal(head.headers.etag, put.ETag);
    assert.match(head.headers['content-type'], /^text\/plain/);

    const get = await cos.getObject(at(key));
    assert.equal(get.statusCode, 200);
    assert.deepEqual(get.Body, body);

    const del = await cos.deleteObject(at(key));
    assert.equal(del.statusCode, 204);
    const gone = await cosError(cos.headObject(at(key)));
    assert.equal(gone.statusCode, 404);
  });

  it('keeps keys with spaces, brackets and non-ASCII characters', async () => {
    const key = newKey('a dir/文件 (1)+plus&amp=.bin');
    const body = crypto.randomBytes(1000);
    await cos.putObject(at(key, { Body: body }));
    assert.deepEqual((await cos.getObject(at(key))).Body, body);
    const listing = await cos.getBucket({ Bucket: endpoints.bucket, Region: endpoints.region, Prefix: key });
    assert.deepEqual(listing.Contents.map((c) => c.Key), [key]);
  });

  it('answers 404 NoSuchKey for an object that is not there', async () => {
    const error = await cosError(cos.getObject(at(newKey('absent'))));
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, 'NoSuchKey');
  });

  it('lists by prefix, MaxKeys pages at a time, continuing from the marker', async () => {
    const prefix = `conformance/${uniqueSuffix()}/list/`;
    const keys = ['a', 'b', 'c/d', 'e', 'f'].map((k) => `${prefix}${k}`);
    for (const [n, key] of keys.entries()) await cos.putObject(at(key, { Body: 'x'.repeat(n + 1) }));
    await cos.putObject(at(`${prefix.slice(0, -1)}-outside`, { Body: 'not listed' }));

    const seen = [];
    let marker = '';
    for (let page = 0; page < 10; page++) {
      const listing = await cos.getBucket({
        Bucket: endpoints.bucket, Region: endpoints.region, Prefix: prefix, MaxKeys: 2, Marker: marker,
      });
      assert.ok(listing.Contents.length <= 2, 'no more than MaxKeys');
      seen.push(...listing.Contents.map((c) => ({ key: c.Key, size: Number(c.Size) })));
      if (listing.IsTruncated !== 'true') break;
      assert.ok(listing.NextMarker, 'a truncated listing says where to go on');
      marker = listing.NextMarker;
    }
    assert.deepEqual(seen, keys.map((key, n) => ({ key, size: n + 1 })));
  });

  it('heads the bucket and tells its region', async () => {
    const head = await cos.headBucket({ Bucket: endpoints.bucket, Region: endpoints.region });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['x-cos-bucket-region'], endpoints.region);

    const elsewhere = await cos.headBucket({ Bucket: `elsewhere-${endpoints.appId}`, Region: 'ap-shanghai' });
    assert.equal(elsewhere.headers['x-cos-bucket-region'], 'ap-shanghai');

    const missing = await cosError(cos.headBucket({ Bucket: `missing${uniqueSuffix()}-${endpoints.appId}`, Region: endpoints.region }));
    assert.equal(missing.statusCode, 404);
  });

  it('assembles a multipart upload from its parts', async () => {
    const key = newKey('multipart.bin');
    const parts = [crypto.randomBytes(1024 * 1024), crypto.randomBytes(1024 * 1024), crypto.randomBytes(123_457)];
    const init = await cos.multipartInit(at(key));
    assert.ok(init.UploadId, 'InitiateMultipartUpload answers an UploadId');

    const uploaded = [];
    // Out of order on purpose: the object is assembled by part number, not arrival.
    for (const n of [2, 1, 3]) {
      const part = await cos.multipartUpload(at(key, { UploadId: init.UploadId, PartNumber: n, Body: parts[n - 1] }));
      assert.ok(part.ETag, `part ${n} has an ETag`);
      uploaded.push({ PartNumber: n, ETag: part.ETag });
    }
    const beforeComplete = await cosError(cos.headObject(at(key)));
    assert.equal(beforeComplete.statusCode, 404, 'parts are invisible until the upload completes');

    uploaded.sort((a, b) => a.PartNumber - b.PartNumber);
    const complete = await cos.multipartComplete(at(key, { UploadId: init.UploadId, Parts: uploaded }));
    assert.equal(complete.statusCode, 200);

    const get = await cos.getObject(at(key));
    assert.deepEqual(get.Body, Buffer.concat(parts));
  });

  it('refuses to overwrite with x-cos-forbid-overwrite: 409 FileAlreadyExists, first content kept', async () => {
    const key = newKey('once.json');
    const first = await cos.putObject(at(key, { Body: '{"n":1}', Headers: { 'x-cos-forbid-overwrite': 'true' } }));
    assert.equal(first.statusCode, 200);

    const second = await cosError(cos.putObject(at(key, { Body: '{"n":2}', Headers: { 'x-cos-forbid-overwrite': 'true' } })));
    assert.equal(second.statusCode, 409);
    assert.equal(second.code, 'FileAlreadyExists');
    assert.equal((await cos.getObject(at(key))).Body.toString(), '{"n":1}');

    await cos.putObject(at(key, { Body: '{"n":3}' }));
    assert.equal((await cos.getObject(at(key))).Body.toString(), '{"n":3}', 'without the header, PUT overwrites');
  });

  it('sets and reads bucket versioning; a bucket that ever had it ignores x-cos-forbid-overwrite', async () => {
    // Its own bucket: versioning can never be switched back off, and the shared bucket must keep create-only writes.
    const bucket = { Bucket: `v${uniqueSuffix()}-${endpoints.appId}`, Region: endpoints.region };
    await cos.putBucket(bucket);

    const never = await cos.getBucketVersioning(bucket);
    assert.equal(never.statusCode, 200);
    assert.ok(!(never.VersioningConfiguration && never.VersioningConfiguration.Status), 'no Status before versioning was ever set');

    await cos.putBucketVersioning({ ...bucket, VersioningConfiguration: { Status: 'Enabled' } });
    assert.equal((await cos.getBucketVersioning(bucket)).VersioningConfiguration.Status, 'Enabled');
    await cos.putBucketVersioning({ ...bucket, VersioningConfiguration: { Status: 'Suspended' } });
    assert.equal((await cos.getBucketVersioning(bucket)).VersioningConfiguration.Status, 'Suspended');

    const key = { ...bucket, Key: 'jobs/j1/0002.json', Headers: { 'x-cos-forbid-overwrite': 'true' } };
    assert.equal((await cos.putObject({ ...key, Body: '{"n":1}' })).statusCode, 200);
    assert.equal((await cos.putObject({ ...key, Body: '{"n":2}' })).statusCode, 200, 'the header has no effect once versioning was set');
  });

  it('serves a presigned URL from getObjectUrl to a plain HTTP GET', async () => {
    const key = newKey('shared file.txt');
    await cos.putObject(at(key, { Body: 'presigned content' }));
    const url = await presignedUrl(cos, at(key, { Sign: true, Expires: 300 }));
    assert.match(url, /q-signature=/);

    const response = await httpRequest(url);
    assert.equal(response.status, 200);
    assert.equal(response.body.toString(), 'presigned content');
  });

  it('refuses a presigned URL that was tampered with, points elsewhere, or has expired', async () => {
    const key = newKey('guarded.txt');
    await cos.putObject(at(key, { Body: 'guarded' }));
    await cos.putObject(at(`${key}.other`, { Body: 'other' }));
    const url = await presignedUrl(cos, at(key, { Sign: true, Expires: 300 }));

    const tampered = url.replace(/q-signature=([0-9a-f])/, (_, c) => `q-signature=${c === '0' ? '1' : '0'}`);
    assert.notEqual(tampered, url);
    const tamperedResponse = await httpRequest(tampered);
    assert.equal(tamperedResponse.status, 403);
    assert.equal(xmlErrorCode(tamperedResponse.body), 'SignatureDoesNotMatch');

    const [path, query] = url.split('?');
    const otherResponse = await httpRequest(`${path}.other?${query}`);
    assert.equal(otherResponse.status, 403, 'a signature for one key does not open another');

    // A client whose clock is an hour behind signs a window that closed long ago.
    const slowClock = cosClient(endpoints, { options: { SystemClockOffset: -3600 * 1000 } });
    const expired = await presignedUrl(slowClock, at(key, { Sign: true, Expires: 60 }));
    const expiredResponse = await httpRequest(expired);
    assert.equal(expiredResponse.status, 403);
    assert.ok(xmlErrorCode(expiredResponse.body), 'COS answers its XML error shape');
  });

  it('deletes many objects with deleteMultipleObject, verbose and quiet, a missing key counting as deleted', async () => {
    const bucket = { Bucket: endpoints.bucket, Region: endpoints.region };
    const keys = [newKey('weekly_img_system.qcow2'), newKey('weekly_img_data_1.qcow2')];
    const kept = newKey('kept.qcow2');
    for (const key of [...keys, kept]) await cos.putObject(at(key, { Body: 'disk' }));
    const missing = newKey('never-there.qcow2');

    const verbose = await cos.deleteMultipleObject({ ...bucket, Objects: [...keys, missing].map((Key) => ({ Key })) });
    assert.equal(verbose.statusCode, 200);
    assert.deepEqual(verbose.Deleted.map((d) => d.Key).sort(), [...keys, missing].sort());
    assert.deepEqual(verbose.Error, []);
    for (const key of keys) assert.equal((await cosError(cos.headObject(at(key)))).statusCode, 404);
    assert.equal((await cos.headObject(at(kept))).statusCode, 200, 'a key not named stays');

    const quiet = await cos.deleteMultipleObject({ ...bucket, Quiet: true, Objects: [{ Key: kept }] });
    assert.equal(quiet.statusCode, 200);
    assert.deepEqual(quiet.Deleted, [], 'quiet mode lists only failures');
    assert.deepEqual(quiet.Error, []);
    assert.equal((await cosError(cos.headObject(at(kept)))).statusCode, 404);
  });

  it('refuses a deleteMultipleObject of more than 1000 keys and deletes none of them', async () => {
    const first = newKey('k0000');
    await cos.putObject(at(first, { Body: 'disk' }));
    const objects = [{ Key: first }, ...Array.from({ length: 1000 }, (_, n) => ({ Key: `${first}-${n}` }))];

    const error = await cosError(cos.deleteMultipleObject({ Bucket: endpoints.bucket, Region: endpoints.region, Objects: objects }));
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'MalformedXML');
    assert.equal((await cos.headObject(at(first))).statusCode, 200);
  });

  it('refuses a multi-object delete whose Content-MD5 is not the body\'s, and deletes nothing', async () => {
    const key = newKey('guarded.qcow2');
    await cos.putObject(at(key, { Body: 'disk' }));
    const body = `<Delete><Quiet>true</Quiet><Object><Key>${key}</Key></Object></Delete>`;
    const wrongMd5 = crypto.createHash('md5').update(`${body} `).digest('base64');

    const error = await cosError(cos.request({
      Bucket: endpoints.bucket,
      Region: endpoints.region,
      Method: 'POST',
      Action: 'delete',
      Body: body,
      Headers: { 'Content-Type': 'application/xml', 'Content-MD5': wrongMd5 },
    }));
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'BadDigest');
    assert.equal((await cos.headObject(at(key))).statusCode, 200);
  });

  it('refuses an unsigned request to a private bucket with 403 AccessDenied', async () => {
    const key = newKey('private.txt');
    await cos.putObject(at(key, { Body: 'private' }));
    const response = await httpRequest(`${endpoints.cos.replace(/\/$/, '')}/${endpoints.bucket}/${key}`);
    assert.equal(response.status, 403);
    assert.equal(xmlErrorCode(response.body), 'AccessDenied');
  });
});
