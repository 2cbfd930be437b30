'use strict';
// The deploy rehearsal: serverless.yml deployed by Tencent's own deploy library (tencent-component-toolkit 2.27.6,
// unmodified) into the emulator, the way `scf deploy` and the multi-scf component run it (docs/reference/deploy.md), then
// the local stack started from what was deployed, running one export end to end.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const yaml = require('js-yaml');
const { startStack, freePort, ROOT } = require('../lib/stack');
const { makeProject, preflight, deploy, deployed, calls } = require('../lib/rehearsal');
const { resolveProject } = require('../lib/cli');
const { exportToNotification } = require('../lib/exports');

// The handlers the executable serves (design.md, "Contract: the functions").
const HANDLERS = ['exports.notify', 'exports.poll', 'exports.start'];
const STAGE = 'rehearsal';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imageexport-deploy-state-'));
const describeFile = path.join(stateDir, 'wiring-from-serverless.json');
let ports;
let stack;
let environment;
let project;

before(async () => {
  ports = { api: await freePort(), cvm: await freePort(), cos: await freePort(), proxy: await freePort() };
  stack = await startStack({ stateDir, ports, extra: ['--describe-wiring', describeFile] });
  const { endpoints } = stack;
  // What a user exports before deploying; every optional channel but the webhook is left unset.
  environment = {
    STAGE,
    REGION: endpoints.region,
    EXPORT_BUCKET: endpoints.bucket,
    IMAGEEXPORT_API_TOKENS: endpoints.apiToken,
    IMAGEEXPORT_WEBHOOK_URL: `${endpoints.api}/_local/notifications/webhook`,
    IMAGEEXPORT_WEBHOOK_SECRET: crypto.randomBytes(24).toString('hex'),
  };
  project = makeProject();
});

after(async () => {
  if (stack) await stack.stop();
  // Kept with IMAGEEXPORT_KEEP_REHEARSAL=1, to look at the emulated SCF's records and the stacks' logs.
  if (!process.env.IMAGEEXPORT_KEEP_REHEARSAL) fs.rmSync(stateDir, { recursive: true, force: true });
});

function deployOrFail(projectDir, env) {
  const run = deploy(projectDir, env, stack, stateDir);
  assert.equal(run.result.error, undefined, `the deploy failed: ${run.result.error}\n${run.output.split('\n').slice(-25).join('\n')}`);
  return run;
}

/** serverless.yml's own view, resolved as the CLI resolves it for this deploy. */
function declared(projectDir = project) {
  return resolveProject(projectDir, environment);
}

function functionKey(record, resolved) {
  return Object.keys(resolved.inputs.functions).find((key) => record.FunctionName === `${resolved.name}-${resolved.stage}-${resolved.app}-${key}`);
}

test('the preflight refuses a deploy without STAGE, REGION, bucket or token, naming each, and nothing is created', () => {
  const cases = [
    [{ ...environment, STAGE: undefined }, /STAGE is not set/],
    [{ ...environment, REGION: 'ap-nowhere' }, /REGION 'ap-nowhere'/],
    [{ ...environment, EXPORT_BUCKET: 'images' }, /EXPORT_BUCKET 'images'/],
    [{ ...environment, IMAGEEXPORT_API_TOKENS: undefined }, /IMAGEEXPORT_API_TOKENS is not set/],
    [{ ...environment, IMAGEEXPORT_API_TOKENS: 'short' }, /at least 16 characters/],
  ];
  for (const [env, message] of cases) {
    const { status, output } = preflight(project, env);
    assert.equal(status, 1, output);
    assert.match(output, message);
    assert.match(output, /nothing was created/);
  }
  assert.deepEqual(calls(stateDir), []);
  assert.equal(fs.existsSync(path.join(project, '.env')), false);
});

test('serverless.yml deploys three functions with the handlers, runtime, sizes, role and environment the code expects, no value "undefined"', () => {
  const checked = preflight(project, environment);
  assert.equal(checked.status, 0, checked.output);
  deployOrFail(project, environment);

  const resolved = declared();
  const records = deployed(stateDir);
  assert.equal(records.length, Object.keys(resolved.inputs.functions).length);
  assert.deepEqual(records.map((f) => f.Handler).sort(), HANDLERS);
  for (const record of records) {
    const key = functionKey(record, resolved);
    assert.ok(key, `${record.FunctionName} is not named <name>-<stage>-<app>-<function>`);
    const own = resolved.inputs.functions[key];
    assert.equal(record.Status, 'Active');
    assert.equal(record.Runtime, 'CustomRuntime');
    assert.equal(record.Role, resolved.inputs.role);
    assert.equal(record.MemorySize, own.memorySize ?? resolved.inputs.memorySize);
    assert.equal(record.Timeout, own.timeout ?? resolved.inputs.timeout);
    assert.equal(record.InitTimeout, own.initTimeout ?? resolved.inputs.initTimeout);
    const variables = Object.fromEntries(record.Environment.map((v) => [v.Key, v.Value]));
    const undefinedValues = Object.entries(variables).filter(([, value]) => value === 'undefined').map(([name]) => name);
    assert.deepEqual(undefinedValues, [], `deployed as the text 'undefined': ${undefinedValues.join(', ')}`);
    assert.deepEqual(Object.keys(variables).sort(), resolved.inputs.environments.map((e) => e.key).sort());
    assert.equal(variables.IMAGEEXPORT_API_TOKENS, environment.IMAGEEXPORT_API_TOKENS);
    assert.equal(variables.IMAGEEXPORT_DEFAULT_BUCKET, environment.EXPORT_BUCKET);
    assert.equal(variables.IMAGEEXPORT_SLACK_WEBHOOK_URL, '');
  }
});

test('the triggers are those serverless.yml declares: one Function URL, the timer with its 7-field cron, the COS triggers with their filters', () => {
  const resolved = declared();
  const records = deployed(stateDir);
  const byKey = Object.fromEntries(records.map((r) => [functionKey(r, resolved), r]));
  const triggers = records.flatMap((r) => r.Triggers.map((t) => ({ ...t, key: functionKey(r, resolved) })));
  const wanted = resolved.inputs.triggers;

  const urls = triggers.filter((t) => t.Type === 'http');
  assert.equal(urls.length, 1);
  assert.equal(urls[0].key, wanted.find((t) => t.type === 'http').function);
  assert.equal(JSON.parse(urls[0].TriggerDesc).AuthType, 'NONE');

  const timers = triggers.filter((t) => t.Type === 'timer');
  assert.deepEqual(
    timers.map((t) => [t.key, t.TriggerName, JSON.parse(t.TriggerDesc).cron, t.Enable]).sort(),
    wanted.filter((t) => t.type === 'timer').map((t) => [t.function, t.parameters.name, t.parameters.cronExpression, t.parameters.enable === true]).sort());
  for (const timer of timers) assert.equal(JSON.parse(timer.TriggerDesc).cron.split(' ').length, 7);

  const cos = triggers.filter((t) => t.Type === 'cos');
  const domain = `${environment.EXPORT_BUCKET}.cos.${environment.REGION}.myqcloud.com`;
  assert.deepEqual(
    cos.map((t) => { const d = JSON.parse(t.TriggerDesc); return [t.key, t.TriggerName, d.event, d.filter.Prefix, d.filter.Suffix, t.Enable]; }).sort(),
    wanted.filter((t) => t.type === 'cos').map((t) => [t.function, domain, t.parameters.events, t.parameters.filter?.prefix ?? '', t.parameters.filter?.suffix ?? '', t.parameters.enable === true]).sort());
  assert.ok(cos.length >= 1, 'serverless.yml declares no COS trigger');
  assert.ok(byKey.notify, 'no notify function');
});

test("the local stack's own reading of serverless.yml agrees with what the deploy library deployed", () => {
  const local = JSON.parse(fs.readFileSync(describeFile, 'utf8'));
  const resolved = declared();
  const records = deployed(stateDir);
  for (const record of records) {
    const key = functionKey(record, resolved);
    const wired = local.functions.find((f) => f.name === key);
    assert.ok(wired, `the local stack does not wire ${key}`);
    assert.deepEqual(
      [wired.handler, wired.memorySize, wired.timeout, wired.initTimeout],
      [record.Handler, record.MemorySize, record.Timeout, record.InitTimeout], key);
    const deployedVariables = Object.fromEntries(record.Environment.map((v) => [v.Key, v.Value]));
    // The local stack makes its own webhook secret; the deploy got the one exported for it.
    delete deployedVariables.IMAGEEXPORT_WEBHOOK_SECRET;
    const wiredVariables = { ...wired.environment };
    delete wiredVariables.IMAGEEXPORT_WEBHOOK_SECRET;
    assert.deepEqual(wiredVariables, deployedVariables, key);
  }

  const keyOf = (name) => functionKey(records.find((r) => r.FunctionName === name) || {}, resolved);
  const deployedTriggers = records.flatMap((r) => r.Triggers.map((t) => ({ ...t, key: functionKey(r, resolved) })));
  assert.deepEqual(
    local.http.map((t) => [t.function, t.authType ?? 'NONE']),
    deployedTriggers.filter((t) => t.Type === 'http').map((t) => [t.key, JSON.parse(t.TriggerDesc).AuthType]));
  assert.deepEqual(
    local.timers.map((t) => [t.function, t.name, t.cron, t.enabled]).sort(),
    deployedTriggers.filter((t) => t.Type === 'timer').map((t) => [t.key, t.TriggerName, JSON.parse(t.TriggerDesc).cron, t.Enable]).sort());
  assert.deepEqual(
    local.cos.map((t) => [t.function, t.bucketDomain, t.events, t.prefix, t.suffix, t.enabled]).sort(),
    deployedTriggers.filter((t) => t.Type === 'cos').map((t) => { const d = JSON.parse(t.TriggerDesc); return [t.key, t.TriggerName, d.event, d.filter.Prefix, d.filter.Suffix, t.Enable]; }).sort());
  assert.equal(keyOf('nothing'), undefined);
});

test('a redeploy with nothing changed creates and deletes nothing', () => {
  const before = deployed(stateDir);
  const callsBefore = calls(stateDir).length;
  deployOrFail(project, environment);

  const made = calls(stateDir).slice(callsBefore);
  assert.deepEqual(made.filter((c) => ['CreateFunction', 'CreateTrigger', 'DeleteTrigger'].includes(c.Action)), []);
  const after = deployed(stateDir);
  assert.deepEqual(
    after.map((f) => f.Triggers.map((t) => [t.Type, t.TriggerName, t.TriggerDesc, t.Enable, t.AddTime])),
    before.map((f) => f.Triggers.map((t) => [t.Type, t.TriggerName, t.TriggerDesc, t.Enable, t.AddTime])));
  assert.deepEqual(after.map((f) => f.Environment), before.map((f) => f.Environment));
});

test('the emulated SCF checks the signature: a wrong key is refused, the right key answers', async () => {
  const { Capi } = require('@tencent-sdk/capi');
  const { endpoints } = stack;
  const saved = process.env.HTTPS_PROXY;
  process.env.HTTPS_PROXY = `http://127.0.0.1:${ports.proxy}`;
  try {
    const call = (secretKey, extra = {}) => new Capi({ Region: endpoints.region, ServiceType: 'scf', SecretId: endpoints.secretId, SecretKey: secretKey })
      .request({ Action: 'ListTriggers', Version: '2018-04-16', FunctionName: deployed(stateDir)[0].FunctionName, ...extra }, { host: 'scf.tencentcloudapi.com' });
    const wrong = await call(`${endpoints.secretKey}x`);
    assert.equal(wrong.Response.Error.Code, 'AuthFailure.SignatureFailure');
    const right = await call(endpoints.secretKey);
    assert.equal(right.Response.Error, undefined, JSON.stringify(right));
    assert.ok(right.Response.TotalCount >= 1);
  } finally {
    if (saved === undefined) delete process.env.HTTPS_PROXY; else process.env.HTTPS_PROXY = saved;
  }
});

test('the deploy proxy tunnels only to emulated hosts: any other CONNECT is refused, so nothing leaves the machine', async () => {
  const net = require('node:net');
  const answer = (authority) => new Promise((resolve, reject) => {
    const socket = net.connect(ports.proxy, '127.0.0.1', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(text.split('\r\n')[0]);
      }
    });
    socket.on('error', reject);
  });
  assert.match(await answer('example.com:443'), /^HTTP\/1\.1 502 /);
  assert.match(await answer(`${environment.EXPORT_BUCKET}.cos.ap-nowhere.myqcloud.com:443`), /^HTTP\/1\.1 502 /);
  assert.match(await answer('scf.tencentcloudapi.com:443'), /^HTTP\/1\.1 200 /);
});

test('what was deployed runs: the local stack started from the emulated SCF completes an export with one notification', async () => {
  await stack.stop();
  stack = await startStack({ stateDir, ports, wiring: 'deployed', functions: 'process' });
  const { api } = stack.endpoints;
  // The deployed zip, unpacked from the emulated COS with its file modes, is what runs.
  const code = path.join(stateDir, 'scf', 'code');
  const bootstrap = path.join(code, fs.readdirSync(code)[0], 'bootstrap');
  assert.ok(fs.statSync(bootstrap).mode & 0o100, `${bootstrap} is not executable`);
  assert.ok(stack.log().includes(`"Code":${JSON.stringify(bootstrap)}`), 'the local stack does not run the deployed bootstrap');
  const sent = await exportToNotification({ base: api, token: environment.IMAGEEXPORT_API_TOKENS, stateDir, log: stack.log });
  assert.deepEqual(sent.map((n) => [n.outcome, n.channel]), [['completed', 'webhook']]);
});

test('a changed COS suffix replaces exactly that one trigger', () => {
  // A copy of serverless.yml with two suffix-filtered COS triggers, deployed under another stage.
  const document = yaml.load(fs.readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8'));
  const cos = (suffix) => ({
    type: 'cos',
    function: 'notify',
    parameters: { qualifier: '$DEFAULT', bucket: '${env:EXPORT_BUCKET}.cos.${env:REGION}.myqcloud.com', filter: { prefix: '', suffix }, events: 'cos:ObjectCreated:*', enable: true },
  });
  document.inputs.triggers = [cos('.raw'), cos('.qcow2')];
  const env = { ...environment, STAGE: 'suffix' };
  const first = makeProject(yaml.dump(document));
  assert.equal(preflight(first, env).status, 0);
  deployOrFail(first, env);
  const callsBefore = calls(stateDir).length;

  document.inputs.triggers = [cos('.raw'), cos('.vhd')];
  const second = makeProject(yaml.dump(document));
  assert.equal(preflight(second, env).status, 0);
  deployOrFail(second, env);

  const changed = calls(stateDir).slice(callsBefore).filter((c) => c.Action.endsWith('Trigger'));
  assert.deepEqual(
    changed.map((c) => [c.Action, c.Type, JSON.parse(c.TriggerDesc).filter.Suffix]).sort(),
    [['CreateTrigger', 'cos', '.vhd'], ['DeleteTrigger', 'cos', '.qcow2']]);
});
