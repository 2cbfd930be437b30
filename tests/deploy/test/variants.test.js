'use strict';
// The two alternatives README "Deploy" offers, rehearsed like the default: deployed by Tencent's deploy library
// (tencent-component-toolkit 2.27.6, unmodified) into the emulator, then run by the local stack from the deployed
// records (`--wiring deployed`) through one export to one notification. Each variant gets its own emulator state.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { ROOT } = require('../lib/stack');
const { makeProject, preflight, deploy, deployed } = require('../lib/rehearsal');
const { resolveProject } = require('../lib/cli');
const { triggerInputs, functionName } = require('../lib/component');
const { exportToNotification } = require('../lib/exports');
const { freshVariant, gatewayServices } = require('../lib/variant');

const HANDLERS = ['exports.notify', 'exports.poll', 'exports.start'];

/** serverless.yml with the apigw-alternative block uncommented (its lines' leading "# " removed), as a user would. */
function withApiGatewayAlternative(text) {
  const lines = text.split('\n');
  const begin = lines.findIndex((l) => l.includes('# apigw-alternative:begin'));
  const end = lines.findIndex((l) => l.includes('# apigw-alternative:end'));
  assert.ok(begin >= 0 && end > begin, 'serverless.yml has no apigw-alternative block');
  for (let i = begin + 1; i < end; i++) lines[i] = lines[i].replace('# ', '');
  return lines.join('\n');
}

/** ...and, as README says ("replace the `type: http` trigger"), without the Function URL. */
function apiGatewayInsteadOfFunctionUrl(text) {
  const document = yaml.load(withApiGatewayAlternative(text));
  document.inputs.triggers = document.inputs.triggers.filter((t) => t.type !== 'http');
  return yaml.dump(document);
}

function readServerlessYml() {
  return fs.readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');
}

test('the API gateway alternative: each api needs its own function; without it the component fails before deploying', () => {
  const text = withApiGatewayAlternative(readServerlessYml());
  const environment = { STAGE: 'forms', REGION: 'ap-guangzhou', EXPORT_BUCKET: 'images-1250000000', IMAGEEXPORT_API_TOKENS: 'x'.repeat(32) };
  const resolved = resolveProject(makeProject(text), environment);
  const apigw = triggerInputs(resolved).find((t) => t.type === 'apigw');
  assert.ok(apigw, 'no apigw trigger after uncommenting');
  assert.equal(apigw.parameters.serviceName, 'image-export');
  assert.deepEqual(apigw.parameters.endpoints.map((e) => [e.path, e.method, e.function.name]),
    [['/', 'ANY', functionName(resolved, 'start', resolved.inputs.functions.start)]]);

  const without = resolveProject(makeProject(text.replace(/\n\s*function: start\n(\s*# apigw-alternative:end)/, '\n$1')), environment);
  assert.throws(() => triggerInputs(without), /names no function/);
});

test('the API gateway alternative deploys a released service whose API runs start, and the local stack serves it: an export through /release/ to one notification', async () => {
  const variant = await freshVariant('apigw');
  try {
    const { environment, stateDir } = variant;
    const project = makeProject(apiGatewayInsteadOfFunctionUrl(readServerlessYml()));
    assert.equal(preflight(project, environment).status, 0);
    variant.deployOrFail(project);

    const resolved = resolveProject(project, environment);
    const start = functionName(resolved, 'start', resolved.inputs.functions.start);
    const records = deployed(stateDir);
    assert.deepEqual(records.map((f) => f.Handler).sort(), HANDLERS);
    assert.deepEqual(records.flatMap((f) => f.Triggers).filter((t) => t.Type === 'http'), [], 'a Function URL was deployed as well');

    // What the emulated API gateway holds: the service serverless.yml names, released to its environment, one API
    // ANY / bound to start. multi-scf drops isIntegratedResponse, so the API is deployed without it (README says so).
    const services = gatewayServices(stateDir);
    assert.equal(services.length, 1);
    const [service] = services;
    assert.equal(service.ServiceName, 'image-export');
    assert.equal(service.Protocol, 'https');
    assert.deepEqual(service.Apis.map((a) => [a.Path, a.Method, a.ServiceType, a.FunctionName, a.FunctionNamespace, a.IsIntegratedResponse]),
      [['/', 'ANY', 'SCF', start, 'default', false]]);
    assert.deepEqual(service.Releases.map((r) => [r.EnvironmentName, r.Apis.length]), [['release', 1]]);

    const describeFile = path.join(stateDir, 'wiring-deployed.json');
    const stack = await variant.runDeployed(['--describe-wiring', describeFile]);
    const wiring = JSON.parse(fs.readFileSync(describeFile, 'utf8'));
    assert.deepEqual(wiring.http, []);
    assert.deepEqual(wiring.apiGateway, [{
      serviceId: service.ServiceId, serviceName: 'image-export', environment: 'release', path: '/', method: 'ANY', function: start, integratedResponse: false,
    }]);

    // As deployed, the gateway hands back what the function returned as the body: the integrated-response object.
    const base = `${stack.endpoints.api}/release`;
    const raw = await fetch(`${base}/healthz`);
    assert.equal(raw.status, 200);
    assert.equal(JSON.parse(await raw.text()).statusCode, 200);
    assert.equal((await fetch(`${stack.endpoints.api}/healthz`)).status, 503, 'the path without the environment reached a function');

    // Integrated response switched on and released, as README tells the user to do in the console after the deploy.
    await apiGatewayCall(variant, 'ModifyApi', { ServiceId: service.ServiceId, ApiId: service.Apis[0].ApiId, ServiceScfIsIntegratedResponse: true });
    await apiGatewayCall(variant, 'ReleaseService', { ServiceId: service.ServiceId, EnvironmentName: 'release', ReleaseDesc: 'integrated response on' });
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(await health.text()).statusCode, undefined);

    const sent = await exportToNotification({ base, token: environment.IMAGEEXPORT_API_TOKENS, stateDir, log: stack.log });
    assert.deepEqual(sent.map((n) => [n.outcome, n.channel]), [['completed', 'webhook']]);
  } finally {
    await variant.dispose();
  }
});

/** One API gateway call signed with the emulator's key, through the deploy proxy (what the console does for the user). */
async function apiGatewayCall(variant, action, parameters) {
  const { Capi } = require('@tencent-sdk/capi');
  const { endpoints } = variant.stack;
  const saved = process.env.HTTPS_PROXY;
  process.env.HTTPS_PROXY = `http://127.0.0.1:${variant.ports.proxy}`;
  try {
    const answer = await new Capi({ Region: endpoints.region, ServiceType: 'apigateway', SecretId: endpoints.secretId, SecretKey: endpoints.secretKey })
      .request({ Action: action, Version: '2018-08-08', ...parameters }, { host: 'apigateway.tencentcloudapi.com' });
    assert.equal(answer.Response.Error, undefined, JSON.stringify(answer));
    return answer.Response;
  } finally {
    if (saved === undefined) delete process.env.HTTPS_PROXY; else process.env.HTTPS_PROXY = saved;
  }
}

test('the image-function variant deploys (image.imageUrl, CustomRuntime, each function its _HANDLER) and runs: the image entrypoint on its port, an export to one notification; `image: <url>` alone fails', async () => {
  const variant = await freshVariant('image');
  try {
    const { environment, stateDir } = variant;
    const document = yaml.load(readServerlessYml());
    delete document.inputs.src;
    document.inputs.image = { imageType: 'personal', imageUrl: 'ccr.ccs.tencentyun.com/imageexport/image-export:rehearsal' };
    for (const fn of Object.values(document.inputs.functions)) fn.environments = [{ key: '_HANDLER', value: fn.handler }];
    const project = makeProject(yaml.dump(document));
    assert.equal(preflight(project, environment).status, 0);
    variant.deployOrFail(project);

    const images = deployed(stateDir);
    assert.deepEqual(images.map((f) => f.Handler).sort(), HANDLERS);
    for (const f of images) {
      assert.equal(f.ImageUri, document.inputs.image.imageUrl);
      assert.equal(f.Runtime, 'CustomRuntime');
      assert.equal(f.CosObjectName, undefined);
      const variables = Object.fromEntries(f.Environment.map((v) => [v.Key, v.Value]));
      assert.equal(variables._HANDLER, f.Handler);
      assert.equal(variables.IMAGEEXPORT_API_TOKENS, environment.IMAGEEXPORT_API_TOKENS);
    }

    const stack = await variant.runDeployed();
    const sent = await exportToNotification({ base: stack.endpoints.api, token: environment.IMAGEEXPORT_API_TOKENS, stateDir, log: stack.log });
    assert.deepEqual(sent.map((n) => [n.outcome, n.channel]), [['completed', 'webhook']]);
    // Every function ran as the image's entrypoint: the published binary in image mode, events over POST /event-invoke.
    const started = stack.log().split('\n').filter((l) => l.includes('Image function started')).map((l) => JSON.parse(l));
    // Each function at least once: SCF (and the stack) may start another instance, e.g. while one is busy or after one
    // timed out, so a function seen twice is no fault.
    assert.deepEqual([...new Set(started.map((l) => l.Function))].sort(), images.map((f) => f.FunctionName).sort());
    for (const line of started) {
      assert.equal(line.Image, document.inputs.image.imageUrl);
      assert.equal(line.Binary, path.join(ROOT, 'artifacts', 'publish', 'image-export'));
    }

    document.inputs.image = document.inputs.image.imageUrl;   // the key the README used to name
    const wrong = makeProject(yaml.dump(document));
    const env = { ...environment, STAGE: 'imagewrong' };
    assert.equal(preflight(wrong, env).status, 0);
    const run = deploy(wrong, env, stack, stateDir);
    assert.match(String(run.result.error), /Code/);
  } finally {
    await variant.dispose();
  }
});
