'use strict';
// A variant of serverless.yml rehearsed on its own: a fresh emulator state (so the local stack's `--wiring deployed`
// sees only this variant's functions), the same user environment as the default rehearsal, and the deploy.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack, freePort } = require('./stack');
const { deploy } = require('./rehearsal');

/** Starts a stack (serverless.yml wiring, in process) on a fresh state directory; returns the variant's context. */
async function freshVariant(name) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `imageexport-deploy-${name}-`));
  const ports = { api: await freePort(), cvm: await freePort(), cos: await freePort(), proxy: await freePort() };
  const variant = { stateDir, ports, stack: await startStack({ stateDir, ports }) };
  const { endpoints } = variant.stack;
  variant.environment = {
    STAGE: name,
    REGION: endpoints.region,
    EXPORT_BUCKET: endpoints.bucket,
    IMAGEEXPORT_API_TOKENS: endpoints.apiToken,
    IMAGEEXPORT_WEBHOOK_URL: `${endpoints.api}/_local/notifications/webhook`,
    IMAGEEXPORT_WEBHOOK_SECRET: crypto.randomBytes(24).toString('hex'),
  };
  variant.deployOrFail = (projectDir, env = variant.environment) => {
    const run = deploy(projectDir, env, variant.stack, stateDir);
    assert.equal(run.result.error, undefined, `the deploy failed: ${run.result.error}\n${run.output.split('\n').slice(-25).join('\n')}`);
    return run;
  };
  /** Restarts the stack on the same state and ports, wired from what was deployed, the functions as processes. */
  variant.runDeployed = async (extra = []) => {
    await variant.stack.stop();
    variant.stack = await startStack({ stateDir, ports, wiring: 'deployed', functions: 'process', extra });
    return variant.stack;
  };
  variant.dispose = async () => {
    await variant.stack.stop();
    if (!process.env.IMAGEEXPORT_KEEP_REHEARSAL) fs.rmSync(stateDir, { recursive: true, force: true });
  };
  return variant;
}

/** The emulated API gateway's services (its records in the state directory). */
function gatewayServices(stateDir) {
  const dir = path.join(stateDir, 'apigateway', 'services');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

module.exports = { freshVariant, gatewayServices };
