'use strict';
// The `start` function a user would otherwise write: Node.js on Tencent's official SDKs, as an SCF custom runtime
// (the runtime API of docs/reference/scf.md §1). It does the same work as ImageExport's start for a valid request:
// DescribeImages, the export rules, HEAD bucket, the job recorded in COS (create-only), ExportImages per image.
// Only the bench runs it; it is the peer ImageExport is compared with, not a product.

const http = require('node:http');
const crypto = require('node:crypto');
// Loading the SDKs is part of the function's initialisation, as in any Node.js function that uses them.
const COS = require('cos-nodejs-sdk-v5');
const { cvm } = require('tencentcloud-sdk-nodejs-cvm');

const env = process.env;
const api = `http://${env.SCF_RUNTIME_API}:${env.SCF_RUNTIME_API_PORT}`;
const region = env.TENCENTCLOUD_REGION;
const stateBucket = env.IMAGEEXPORT_STATE_BUCKET;
const statePrefix = '.image-export-node/';
const agent = new http.Agent({ keepAlive: true });

const credentials = () => ({
  secretId: env.TENCENTCLOUD_SECRETID,
  secretKey: env.TENCENTCLOUD_SECRETKEY,
  token: env.TENCENTCLOUD_SESSIONTOKEN || undefined,
});
const cvmClient = new cvm.v20170312.Client({
  credential: credentials(),
  region,
  profile: { httpProfile: { endpoint: new URL(env.IMAGEEXPORT_CVM_ENDPOINT).host, protocol: 'http://', reqTimeout: 30 } },
});
const cos = new COS({
  SecretId: env.TENCENTCLOUD_SECRETID,
  SecretKey: env.TENCENTCLOUD_SECRETKEY,
  SecurityToken: env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  Domain: `${new URL(env.IMAGEEXPORT_COS_ENDPOINT).host}/{Bucket}`,
  Protocol: 'http:',
  Timeout: 30_000,
});

function runtime(method, path, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${api}${path}`, { method, agent }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

const putCreate = (Key, value) => cos.putObject({
  Bucket: stateBucket, Region: region, Key: statePrefix + Key, Body: JSON.stringify(value),
  ContentType: 'application/json', Headers: { 'x-cos-forbid-overwrite': 'true' },
});

function problemsOf(image) {
  const problems = [];
  const disks = image.SnapshotSet || [];
  if (image.ImageType !== 'PRIVATE_IMAGE') problems.push('image.notCustom');
  if (image.ImageState !== 'NORMAL') problems.push('image.notReady');
  if (/windows/i.test(`${image.Platform} ${image.OsName}`)) problems.push('image.windows');
  if (disks.some((d) => d.DiskSize > 500)) problems.push('image.diskTooLarge');
  if (disks.filter((d) => d.DiskUsage === 'DATA_DISK').length > 5) problems.push('image.tooManyDataDisks');
  return problems;
}

const reply = (statusCode, value) => JSON.stringify({
  isBase64Encoded: false, statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value),
});

async function start(event) {
  const request = JSON.parse(event.body || '{}');
  const imageIds = request.imageIds || [];
  const bucket = request.bucket || env.IMAGEEXPORT_DEFAULT_BUCKET;
  const format = (request.format || 'raw').toLowerCase();
  const described = await cvmClient.DescribeImages({ ImageIds: imageIds, Limit: 100 });
  const byId = new Map(described.ImageSet.map((i) => [i.ImageId, i]));
  const problems = [];
  for (const id of imageIds) {
    const image = byId.get(id);
    for (const code of image ? problemsOf(image) : ['image.notFound']) problems.push({ imageId: id, code });
  }
  const head = await cos.headBucket({ Bucket: bucket, Region: region }).catch((e) => e);
  if (head.statusCode !== 200) problems.push({ bucket, code: 'bucket.notFound' });
  if (problems.length > 0) return reply(422, { error: { code: 'ValidationFailed', problems } });

  const now = new Date();
  const jobId = `exp-${now.toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase()}-${crypto.randomBytes(4).toString('hex')}`;
  const job = {
    jobId, state: 'exporting', createdAt: now.toISOString(), bucket, region, format, prefix: jobId,
    images: imageIds.map((imageId) => ({ imageId, state: 'queued' })),
  };
  await putCreate(`active/${jobId}`, { jobId });
  await putCreate(`jobs/${jobId}/000001-requested.json`, { seq: 1, job });
  let seq = 1;
  for (const image of job.images) {
    const exported = await cvmClient.ExportImages({
      BucketName: bucket, ImageIds: [image.imageId], ExportFormat: format.toUpperCase(),
      FileNamePrefixList: [jobId], OnlyExportRootDisk: false, RoleName: request.roleName || 'CVM_QcsRole',
    });
    Object.assign(image, { state: 'exporting', taskId: exported.TaskId, cosPaths: exported.CosPaths });
    seq += 1;
    await putCreate(`jobs/${jobId}/${String(seq).padStart(6, '0')}-submitted.json`, { seq, job });
  }
  return reply(202, job);
}

async function main() {
  await runtime('POST', '/runtime/init/ready', '');
  for (;;) {
    const next = await runtime('GET', '/runtime/invocation/next');
    try {
      const answer = await start(JSON.parse(next.body));
      await runtime('POST', '/runtime/invocation/response', answer);
    } catch (error) {
      await runtime('POST', '/runtime/invocation/error', JSON.stringify({ errorMessage: String(error && (error.message || error.code || error)) }));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
