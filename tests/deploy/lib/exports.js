'use strict';
// One export through the HTTP API of a running local stack, to its end and its notifications: what "what was deployed
// runs" means in the rehearsal, whichever front (Function URL or API gateway) the requests go through.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function notificationsOf(stateDir, jobId) {
  const file = path.join(stateDir, 'notifications.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((n) => n.jobId === jobId);
}

/**
 * Starts one export of an exportable image through `base` (the API's URL, with any gateway prefix), waits for it to
 * complete and for its notification, waits two more timer ticks, and returns the job's notifications.
 */
async function exportToNotification({ base, token, stateDir, log }) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listed = await fetch(`${base}/images`, { headers });
  const images = await listed.json();
  assert.equal(listed.status, 200, JSON.stringify(images).slice(0, 300));
  const image = images.images.find((i) => i.exportable);
  assert.ok(image, `no exportable image: ${JSON.stringify(images).slice(0, 300)}`);
  const started = await fetch(`${base}/exports`, { method: 'POST', headers, body: JSON.stringify({ imageIds: [image.imageId], format: 'qcow2', onlyRootDisk: true }) });
  const job = await started.json();
  assert.equal(started.status, 202, JSON.stringify(job));

  const deadline = Date.now() + 120_000;
  let state = job.state;
  while (state !== 'completed' && state !== 'failed' && Date.now() < deadline) {
    await sleep(500);
    state = (await (await fetch(`${base}/exports/${job.jobId}`, { headers })).json()).state;
  }
  assert.equal(state, 'completed', log().split('\n').slice(-20).join('\n'));

  while (notificationsOf(stateDir, job.jobId).length === 0 && Date.now() < deadline) await sleep(500);
  await sleep(3000);   // two more timer ticks: a duplicate would show now
  return notificationsOf(stateDir, job.jobId);
}

module.exports = { exportToNotification };
