'use strict';
// One deploy, as a user's machine and Tencent's platform would run it: the CLI's variable resolution and zip, the
// component's inputs, the deploy library in a child process pointed at the emulator. Plus what the emulated SCF then
// holds (its records in the state directory) and the calls it received.

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { resolveProject } = require('./cli');
const { functionInputs, triggerInputs } = require('./component');
const { ROOT } = require('./stack');

/** A project directory: serverless.yml (given text or the repository's) with `inputs.src.src` pointing at the repository's package. */
function makeProject(yamlText) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imageexport-deploy-project-'));
  const text = yamlText ?? fs.readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'serverless.yml'), text);
  return dir;
}

/** `bash deploy/preflight.sh` in the project, as the README's Deploy section says; returns { status, output }. */
function preflight(projectDir, environment) {
  const result = spawnSync('bash', [path.join(ROOT, 'deploy', 'preflight.sh')], {
    cwd: projectDir,
    env: { PATH: process.env.PATH, ...definedOnly(environment) },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function definedOnly(environment) {
  return Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined));
}

/**
 * Deploys the project into the emulator behind `stack`; returns the runner's result ({ functions, triggers } or
 * { error }) and its output.
 */
function deploy(projectDir, environment, stack, stateDir) {
  const project = resolveProject(projectDir, definedOnly(environment));
  const { endpoints } = stack;
  const region = project.inputs.region || 'ap-guangzhou';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'imageexport-deploy-zip-'));
  let code = null;
  if (project.inputs.src) {
    // inputs.src.src is relative to the project directory; the test projects are copies of serverless.yml alone.
    const source = typeof project.inputs.src === 'string' ? project.inputs.src : project.inputs.src.src;
    const own = path.resolve(projectDir, source);
    const srcDir = fs.existsSync(own) ? own : path.resolve(ROOT, source);
    const zip = path.join(work, 'code.zip');
    // The CLI zips inputs.src.src keeping file modes (the bootstrap stays executable).
    execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: srcDir });
    const bucket = `sls-cloudfunction-${region}-code`;
    code = { zip, bucket, fullBucket: `${bucket}-${endpoints.appId}`, object: `${project.app}-${project.stage}-${project.name}.zip` };
  }
  const plan = {
    credentials: { SecretId: endpoints.secretId, SecretKey: endpoints.secretKey },
    region,
    code,
    namespace: project.inputs.namespace || 'default',
    functions: functionInputs(project),
    triggers: triggerInputs(project),
  };
  const planFile = path.join(work, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const run = spawnSync(process.execPath, [path.join(__dirname, 'deploy-runner.js'), planFile], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HTTPS_PROXY: `http://127.0.0.1:${stack.ports.proxy}`,
      https_proxy: `http://127.0.0.1:${stack.ports.proxy}`,
      NODE_EXTRA_CA_CERTS: path.join(stateDir, 'deploy', 'proxy-ca.pem'),
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const lines = (run.stdout || '').trim().split('\n');
  let result;
  try {
    result = JSON.parse(lines[lines.length - 1]);
  } catch {
    result = { error: `the deploy runner printed no result (exit ${run.status})` };
  }
  return { project, plan, result, output: `${run.stdout}${run.stderr}` };
}

/** What the emulated SCF holds: its function records (namespace default unless given). */
function deployed(stateDir, namespace = 'default') {
  const dir = path.join(stateDir, 'scf', 'functions', namespace);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** The mutating calls the emulated SCF received so far. */
function calls(stateDir) {
  const file = path.join(stateDir, 'scf', 'calls.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

module.exports = { makeProject, preflight, deploy, deployed, calls };
