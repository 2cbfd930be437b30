'use strict';
// Runs in a child process whose environment points the deploy library at the emulator: HTTPS_PROXY (the library has
// no endpoint option; its HTTP client tunnels through the proxy) and NODE_EXTRA_CA_CERTS (the COS SDK verifies the
// proxy's certificate). The library is used unmodified, called as the multi-scf component calls it
// (docs/reference/deploy.md §3, §4): the code zip to the code bucket, Scf.deploy per function, TriggerManager for triggers.
//
//   node deploy-runner.js PLAN.json   → prints one line of JSON: { functions: [...], triggers: [...] } or { error }

const fs = require('node:fs');
const { Cos, Scf, TriggerManager } = require('tencent-component-toolkit');
const { withLibraryEnvironment } = require('./component');

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const { credentials, region, code } = plan;

  // The code bucket: created when missing, with a 10-day expiry (docs/reference/deploy.md §3); then the zip. An image
  // function has no code package.
  if (code) {
    const cos = new Cos(credentials, region);
    await cos.deploy({
      bucket: code.fullBucket,
      force: true,
      lifecycle: [{ status: 'Enabled', id: 'deleteObject', expiration: { days: '10' }, abortIncompleteMultipartUpload: { daysAfterInitiation: '10' } }],
    });
    await cos.upload({ bucket: code.fullBucket, file: code.zip, key: code.object });
  }

  const functions = [];
  for (const fn of plan.functions) {
    const scf = new Scf(credentials, region);
    const inputs = withLibraryEnvironment(fn.inputs);
    const output = await scf.deploy(code ? { ...inputs, code: { bucket: code.bucket, object: code.object } } : inputs);
    functions.push({ key: fn.key, name: output.FunctionName, status: output.Status });
  }

  const manager = new TriggerManager(credentials, region);
  const { triggerList } = await manager.bulkCreateTriggers(plan.triggers, plan.namespace || 'default');
  return { functions, triggers: triggerList };
}

main().then(
  (result) => {
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
  },
  (error) => {
    process.stdout.write(`\n${JSON.stringify({ error: String((error && error.message) || error), code: error && error.code })}\n`);
    process.exitCode = 1;
  },
);
