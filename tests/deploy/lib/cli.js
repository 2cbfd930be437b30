'use strict';
// What `scf deploy` (the Serverless Cloud Framework CLI) does before the component runs, as docs/reference/deploy.md §2
// records it: load `.env` from the project directory (an exported variable wins), then resolve `${env:X}`. A value
// that is exactly `${env:X}` with X unset stays JavaScript `undefined`; inside a longer string it reads "undefined".
// Then the inputs are JSON-copied, so a key whose value is undefined vanishes.

const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const REFERENCE = /\$\{env:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
const WHOLE = /^\$\{env:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/;

/** `NAME=value` lines; `#` comments and blank lines skipped; quotes around the value removed (dotenv's rules, simplified). */
function readDotEnv(file) {
  if (!fs.existsSync(file)) return {};
  const values = {};
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)?\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    let value = (match[2] || '').trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    values[match[1]] = value;
  }
  return values;
}

function resolveValue(value, env) {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return env[whole[1]];
    return value.replace(REFERENCE, (_, name) => String(env[name]));
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, env));
  if (value && typeof value === 'object') {
    const resolved = {};
    for (const [key, item] of Object.entries(value)) resolved[key] = resolveValue(item, env);
    return resolved;
  }
  return value;
}

/**
 * serverless.yml as the component receives it: `{ app, stage, name, component, inputs }`, variables resolved from
 * `environment` over the project's `.env`, JSON-copied.
 */
function resolveProject(projectDir, environment, file = 'serverless.yml') {
  const document = yaml.load(fs.readFileSync(path.join(projectDir, file), 'utf8'));
  const env = { ...readDotEnv(path.join(projectDir, '.env')), ...environment };
  for (const [key, value] of Object.entries(environment)) if (value === undefined) delete env[key];
  return JSON.parse(JSON.stringify(resolveValue(document, env)));
}

module.exports = { resolveProject, readDotEnv };
