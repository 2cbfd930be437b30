#!/usr/bin/env node
'use strict';
// `scf deploy` for a rehearsal without an account (README "Deploy", "Rehearse it without an account"): run from the
// directory with serverless.yml, against a local stack started with --deploy-proxy-port. It resolves serverless.yml
// and .env as the CLI does (an exported variable wins, an unset one stays undefined), forms the multi-scf component's
// inputs, and runs tencent-component-toolkit 2.27.6, unmodified, through the emulator's HTTPS proxy, with the
// emulator's keys from <state-dir>/endpoints.json.
//
//   node tests/deploy/scf-deploy.js --state-dir DIR --proxy-port N

const fs = require('node:fs');
const path = require('node:path');
const { deploy } = require('./lib/rehearsal');

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : undefined;
}

function main() {
  const stateDir = option('--state-dir');
  const proxy = Number(option('--proxy-port'));
  if (!stateDir || !Number.isInteger(proxy) || proxy <= 0) {
    process.stderr.write('usage: node tests/deploy/scf-deploy.js --state-dir DIR --proxy-port N (from the directory with serverless.yml)\n');
    return 2;
  }
  const endpointsFile = path.join(stateDir, 'endpoints.json');
  if (!fs.existsSync(endpointsFile)) {
    process.stderr.write(`${endpointsFile} is missing: start the local stack with --state-dir ${stateDir} --deploy-proxy-port ${proxy} first\n`);
    return 2;
  }
  if (!fs.existsSync('serverless.yml')) {
    process.stderr.write('no serverless.yml here: run from the directory that has it\n');
    return 2;
  }

  const endpoints = JSON.parse(fs.readFileSync(endpointsFile, 'utf8'));
  const { result, output } = deploy(process.cwd(), { ...process.env }, { endpoints, ports: { proxy } }, stateDir);
  process.stdout.write(output.replace(/\n\{.*\}\n?$/s, '\n'));
  if (result.error) {
    process.stderr.write(`deploy failed: ${result.error}\n`);
    return 1;
  }
  for (const fn of result.functions) process.stdout.write(`function ${fn.name}: ${fn.status}\n`);
  return 0;
}

process.exitCode = main();
