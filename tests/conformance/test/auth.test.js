'use strict';
// Credentials the emulator must refuse, through both SDKs.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { sharedEmulator } = require('../lib/emulator');
const { cosClient, cosError, cvmClient, expectCvmError, uniqueSuffix } = require('../lib/clients');

describe('signatures and keys', () => {
  let emulator;
  let endpoints;

  before(async () => {
    emulator = await sharedEmulator();
    endpoints = emulator.endpoints;
  });
  after(async () => emulator && emulator.stop());

  const wrongKey = () => `${endpoints.secretKey.slice(0, -1)}${endpoints.secretKey.endsWith('x') ? 'y' : 'x'}`;

  it('CVM accepts the credentials endpoints.json gives', async () => {
    const response = await cvmClient(endpoints).DescribeImages({ Limit: 1 });
    assert.ok(response.RequestId);
  });

  it('CVM refuses a request signed with the wrong SecretKey', async () => {
    await expectCvmError(cvmClient(endpoints, { secretKey: wrongKey() }).DescribeImages({}), 'AuthFailure.SignatureFailure');
  });

  it('CVM refuses a SecretId it does not know', async () => {
    const unknown = `AKID${uniqueSuffix()}${uniqueSuffix()}`.slice(0, 36);
    await expectCvmError(cvmClient(endpoints, { secretId: unknown }).DescribeImages({}), 'AuthFailure.SecretIdNotFound');
  });

  it('CVM refuses a signature made more than five minutes ago', async () => {
    const RealDate = Date;
    const skewMs = 10 * 60 * 1000;
    // The SDK stamps X-TC-Timestamp from the clock: a client whose clock is ten minutes slow.
    globalThis.Date = class SlowClock extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(RealDate.now() - skewMs);
        else super(...args);
      }
      static now() {
        return RealDate.now() - skewMs;
      }
    };
    let call;
    try {
      call = cvmClient(endpoints).DescribeImages({});
      await call.catch(() => {});
    } finally {
      globalThis.Date = RealDate;
    }
    await expectCvmError(call, 'AuthFailure.SignatureExpire');
  });

  it('CVM refuses an ExportImages signed with the wrong SecretKey before looking at the image', async () => {
    await expectCvmError(
      cvmClient(endpoints, { secretKey: wrongKey() }).ExportImages({ ImageIds: ['img-00000000'], BucketName: endpoints.bucket }),
      'AuthFailure.SignatureFailure');
  });

  it('COS refuses a request signed with the wrong SecretKey with 403 SignatureDoesNotMatch', async () => {
    const cos = cosClient(endpoints, { secretKey: wrongKey() });
    const key = `auth/${uniqueSuffix()}.txt`;
    const put = await cosError(cos.putObject({ Bucket: endpoints.bucket, Region: endpoints.region, Key: key, Body: 'x' }));
    assert.equal(put.statusCode, 403);
    assert.equal(put.code, 'SignatureDoesNotMatch');
    const list = await cosError(cos.getBucket({ Bucket: endpoints.bucket, Region: endpoints.region }));
    assert.equal(list.statusCode, 403);
    assert.equal(list.code, 'SignatureDoesNotMatch');

    const head = await cosError(cosClient(endpoints).headObject({ Bucket: endpoints.bucket, Region: endpoints.region, Key: key }));
    assert.equal(head.statusCode, 404, 'the refused PUT wrote nothing');
  });

  it('COS refuses a SecretId it does not know with 403', async () => {
    const cos = cosClient(endpoints, { secretId: `AKID${uniqueSuffix()}` });
    const error = await cosError(cos.getBucket({ Bucket: endpoints.bucket, Region: endpoints.region }));
    assert.equal(error.statusCode, 403);
  });
});
