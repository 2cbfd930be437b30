'use strict';
// Tencent's official SDK clients, configured only from an emulator's endpoints.json.

const assert = require('node:assert/strict');
const http = require('node:http');
const { URL } = require('node:url');
const COS = require('cos-nodejs-sdk-v5');
const { cvm } = require('tencentcloud-sdk-nodejs-cvm');

// The CVM SDK sends through http_proxy without looking at no_proxy; every request here goes to 127.0.0.1.
for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) delete process.env[name];

const CvmClient = cvm.v20170312.Client;

function hostAndPort(url) {
  return new URL(url).host;
}

function cvmClient(endpoints, overrides = {}) {
  return new CvmClient({
    credential: {
      secretId: overrides.secretId ?? endpoints.secretId,
      secretKey: overrides.secretKey ?? endpoints.secretKey,
    },
    region: overrides.region ?? endpoints.region,
    profile: { httpProfile: { endpoint: hostAndPort(endpoints.cvm), protocol: 'http://', reqTimeout: 30 } },
  });
}

function cosClient(endpoints, overrides = {}) {
  return new COS({
    SecretId: overrides.secretId ?? endpoints.secretId,
    SecretKey: overrides.secretKey ?? endpoints.secretKey,
    Domain: `${hostAndPort(endpoints.cos)}/{Bucket}`,
    Protocol: 'http:',
    Timeout: 30_000,
    ...(overrides.options || {}),
  });
}

/** The TencentCloudSDKHttpException a CVM call rejects with; fails when the call succeeds. */
async function cvmError(promise) {
  let response;
  try {
    response = await promise;
  } catch (error) {
    return error;
  }
  assert.fail(`expected an API error, got success: ${JSON.stringify(response)}`);
}

async function expectCvmError(promise, code) {
  const error = await cvmError(promise);
  assert.equal(error.code, code, `error code (message: ${error.message})`);
  assert.ok(error.requestId, 'an API error carries a RequestId');
  return error;
}

/** The error a COS SDK call rejects with; fails when the call succeeds. */
async function cosError(promise) {
  let response;
  try {
    response = await promise;
  } catch (error) {
    return error;
  }
  assert.fail(`expected a COS error, got success: ${JSON.stringify(response && response.statusCode)}`);
}

/** A plain HTTP request, no SDK involved. */
function httpRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, timeout: 30_000 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`timed out: ${method} ${url}`)));
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** COS's XML error code, e.g. <Code>SignatureDoesNotMatch</Code>. */
function xmlErrorCode(body) {
  const match = /<Code>([^<]*)<\/Code>/.exec(body.toString('utf8'));
  return match ? match[1] : undefined;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls check() until it returns a truthy value; bounded by timeoutMs. */
async function eventually(check, { timeoutMs, intervalMs = 250, what }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) assert.fail(`${what}: not true within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

const GiB = 1024 ** 3;

module.exports = {
  GiB,
  cosClient,
  cosError,
  cvmClient,
  cvmError,
  eventually,
  expectCvmError,
  httpRequest,
  sleep,
  uniqueSuffix,
  xmlErrorCode,
};
