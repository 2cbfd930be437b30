'use strict';
// Starts the local emulator (`dotnet run --project local`) for a test file, or uses the one named by
// CONFORMANCE_ENDPOINTS. Everything a test knows about the emulator comes from endpoints.json.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const STARTUP_TIMEOUT_MS = Number(process.env.CONFORMANCE_STARTUP_TIMEOUT_MS || 60_000);
const STOP_TIMEOUT_MS = 10_000;

function readEndpoints(file) {
  const endpoints = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of ['cvm', 'cos', 'region', 'appId', 'bucket', 'secretId', 'secretKey']) {
    if (endpoints[field] === undefined || endpoints[field] === '') {
      throw new Error(`${file} has no "${field}"`);
    }
  }
  return endpoints;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function distinctFreePorts(count) {
  const ports = new Set();
  for (let attempt = 0; ports.size < count && attempt < 50; attempt++) {
    ports.add(await freePort());
  }
  if (ports.size < count) throw new Error(`could not find ${count} free ports`);
  return [...ports];
}

// `dotnet run` starts the application as a child process; both must go, by their own ids.
function descendantsOf(rootPid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name may contain spaces and parentheses; fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const child of children.get(pid) || []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function signalTree(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts an emulator of its own. Options map to the local stack's command line:
 * images (an array of CVM Image objects, written to a file and passed as --images),
 * exportSecondsPerGib, exportLimit, exportNaming, extraArgs.
 * Resolves to { endpoints, stateDir, stop }.
 */
async function startEmulator(options = {}) {
  try {
    return await startOnce(options);
  } catch (error) {
    // A port found free may be taken before the emulator binds it: one more try, on new ports.
    if (!error.exitedEarly) throw error;
    return startOnce(options);
  }
}

async function startOnce(options) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imageexport-conformance-'));
  const stateDir = path.join(workDir, 'state');
  const [apiPort, cvmPort, cosPort] = await distinctFreePorts(3);
  const args = [
    'run', '--project', 'local', '--no-build', '-c', process.env.CONFORMANCE_CONFIGURATION || 'Debug', '--',
    '--state-dir', stateDir,
    '--api-port', String(apiPort),
    '--cvm-port', String(cvmPort),
    '--cos-port', String(cosPort),
  ];
  if (options.images) {
    const imagesFile = path.join(workDir, 'images.json');
    fs.writeFileSync(imagesFile, JSON.stringify(options.images, null, 2));
    args.push('--images', imagesFile);
  }
  if (options.exportSecondsPerGib !== undefined) args.push('--export-seconds-per-gib', String(options.exportSecondsPerGib));
  if (options.exportLimit !== undefined) args.push('--export-limit', String(options.exportLimit));
  if (options.exportNaming !== undefined) args.push('--export-naming', options.exportNaming);
  if (options.extraArgs) args.push(...options.extraArgs);

  const logFile = path.join(workDir, 'emulator.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn('dotnet', args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', log, log],
    env: { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  fs.closeSync(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const killNow = () => signalTree([...descendantsOf(child.pid), child.pid], 'SIGKILL');
  // A test file that crashes or is cancelled must not leave the emulator behind.
  process.once('exit', killNow);

  const stop = async () => {
    process.removeListener('exit', killNow);
    const tree = [...descendantsOf(child.pid), child.pid];
    signalTree(tree, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (tree.some(isAlive) && Date.now() < deadline) await sleep(100);
    signalTree(tree.filter(isAlive), 'SIGKILL');
    if (!process.env.CONFORMANCE_KEEP_STATE) fs.rmSync(workDir, { recursive: true, force: true });
  };

  const endpointsFile = path.join(stateDir, 'endpoints.json');
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (fs.existsSync(endpointsFile)) {
      try {
        return { endpoints: readEndpoints(endpointsFile), stateDir, logFile, stop };
      } catch {
        // written but not complete yet: read again on the next turn
      }
    }
    if (exited || Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      await stop();
      const why = exited ? `exited (${JSON.stringify(exited)})` : `wrote no endpoints.json within ${STARTUP_TIMEOUT_MS} ms`;
      throw Object.assign(new Error(`emulator ${why}: dotnet ${args.join(' ')}\n${tail}`), { exitedEarly: !!exited });
    }
    await sleep(200);
  }
}

/**
 * The emulator most tests share: the one CONFORMANCE_ENDPOINTS names, else one started here.
 * Resolves to { endpoints, stop } (stop does nothing for an emulator this file did not start).
 */
async function sharedEmulator() {
  const file = process.env.CONFORMANCE_ENDPOINTS;
  if (file) return { endpoints: readEndpoints(file), stop: async () => {} };
  return startEmulator();
}

module.exports = { startEmulator, sharedEmulator, readEndpoints };
