'use strict';
// Starts and stops the local stack as built (`dotnet local/bin/<configuration>/net10.0/ImageExport.Local.dll`, one
// process, in this process group so run-all.sh's timeout ends it too), with the deploy proxy and the chosen wiring.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONFIGURATION = process.env.CONFORMANCE_CONFIGURATION || 'Debug';

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the stack; resolves once endpoints.json exists. `stop()` ends it (SIGTERM, then SIGKILL). */
async function startStack({ stateDir, ports, wiring = 'serverless', functions = 'inproc', extra = [], env = {} }) {
  const endpointsFile = path.join(stateDir, 'endpoints.json');
  fs.rmSync(endpointsFile, { force: true });
  const logFile = path.join(stateDir, `stack-${Date.now()}.log`);
  fs.mkdirSync(stateDir, { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const dll = path.join(ROOT, 'local', 'bin', CONFIGURATION, 'net10.0', 'ImageExport.Local.dll');
  const args = [
    dll,
    '--state-dir', stateDir, '--api-port', String(ports.api), '--cvm-port', String(ports.cvm), '--cos-port', String(ports.cos),
    '--deploy-proxy-port', String(ports.proxy), '--wiring', wiring, '--functions', functions,
    '--export-seconds-per-gib', '0.02', '--timer-interval', '2', ...extra,
  ];
  const child = spawn('dotnet', args, { cwd: ROOT, stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 120_000;
  while (!fs.existsSync(endpointsFile)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      try { child.kill('SIGKILL'); } catch { /* gone */ }
      throw new Error(`the local stack did not start; its log ends:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    ports,
    endpoints: JSON.parse(fs.readFileSync(endpointsFile, 'utf8')),
    logFile,
    log: () => fs.readFileSync(logFile, 'utf8'),
    async stop() {
      if (child.exitCode !== null) return;
      try { child.kill('SIGTERM'); } catch { /* gone */ }
      const timer = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

module.exports = { ROOT, startStack, freePort, tail };
