'use strict';
// What ExportImages promises: the CosPaths it names, and objects of the disks' sizes under them.

const assert = require('node:assert/strict');
const { dataDisks, systemDisk } = require('./catalog');
const { GiB, eventually } = require('./clients');

/** The CosPaths Tencent documents: /<prefix>_<imageId>_system_<snap>.<format>, …_data_… per data disk. */
function expectedCosPaths(image, { prefix, format = 'raw', onlyRootDisk = false }) {
  const head = prefix ? `/${prefix}_${image.ImageId}` : `/${image.ImageId}`;
  const disks = [systemDisk(image), ...(onlyRootDisk ? [] : dataDisks(image))];
  return disks.map((disk) => ({
    path: `${head}_${disk.DiskUsage === 'SYSTEM_DISK' ? 'system' : 'data'}_${disk.SnapshotId}.${format}`,
    bytes: disk.DiskSize * GiB,
  }));
}

function assertExportResponse(response, expected) {
  assert.ok(Number.isSafeInteger(response.TaskId) && response.TaskId > 0, `TaskId ${response.TaskId}`);
  assert.ok(Array.isArray(response.CosPaths), 'CosPaths is a list');
  assert.deepEqual([...response.CosPaths].sort(), expected.map((e) => e.path).sort());
}

function keyOf(cosPath) {
  return cosPath.replace(/^\//, '');
}

async function headOrNull(cos, endpoints, bucket, key) {
  try {
    return await cos.headObject({ Bucket: bucket, Region: endpoints.region, Key: key });
  } catch (error) {
    if (error.statusCode === 404) return null;
    throw error;
  }
}

/** Waits (bounded) until every expected object exists, then checks its size. */
async function assertFilesLand(cos, endpoints, bucket, expected, { timeoutMs = 120_000 } = {}) {
  for (const { path, bytes } of expected) {
    const head = await eventually(() => headOrNull(cos, endpoints, bucket, keyOf(path)), {
      timeoutMs,
      intervalMs: 500,
      what: `exported object ${path} in ${bucket}`,
    });
    assert.equal(Number(head.headers['content-length']), bytes, `size of ${path}`);
  }
}

module.exports = { assertExportResponse, assertFilesLand, expectedCosPaths, headOrNull, keyOf };
