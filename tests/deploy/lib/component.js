'use strict';
// How the multi-scf component turns the resolved serverless.yml into the deploy library's inputs
// (docs/reference/deploy.md §3 and §4): one `Scf.deploy` input per function (top-level inputs merged with the function's
// own keys) and one TriggerManager entry per trigger, its `function` key replaced by the deployed function.

// Keys of `inputs` that are not function settings.
const NOT_FUNCTION_KEYS = new Set(['functions', 'triggers', 'src', 'region']);

function functionName(project, key, own) {
  return own.name || `${project.name}-${project.stage}-${project.app}-${key}`;
}

/**
 * The component's `environments: [{key, value}]` → the library's `environment.variables`, in the process that calls
 * the library: an entry whose `value` vanished in the JSON copy gives `variables[key] = undefined`, which the library
 * sends as `String(undefined)` (docs/reference/deploy.md §2).
 */
function withLibraryEnvironment(inputs) {
  const { environments, ...rest } = inputs;
  if (!Array.isArray(environments)) return rest;
  const variables = {};
  for (const entry of environments) variables[entry.key] = entry.value;
  return { ...rest, environment: { variables } };
}

/**
 * @param project resolved serverless.yml (cli.resolveProject)
 * @param code `{ bucket, object }` where the CLI's zip of `inputs.src.src` was uploaded
 */
function functionInputs(project, code) {
  const { inputs } = project;
  const shared = {};
  for (const [key, value] of Object.entries(inputs)) if (!NOT_FUNCTION_KEYS.has(key)) shared[key] = value;
  return Object.entries(inputs.functions || {}).map(([key, own]) => {
    const merged = { ...shared, ...own };
    const result = {
      ...merged,
      name: functionName(project, key, own),
      namespace: merged.namespace || 'default',
      runtime: merged.runtime || 'Nodejs12.16',
      // Kept as the list here: it crosses to the deploy process as JSON, where an entry left without `value`
      // (an unset ${env:X}) must still become a variable (withLibraryEnvironment).
      environments: own.environments ? [...(shared.environments || []).filter((e) => !own.environments.some((o) => o.key === e.key)), ...own.environments] : shared.environments,
      tags: merged.tags || {},
    };
    if (merged.image) {
      result.imageConfig = {
        imageType: merged.image.imageType || 'personal',
        imageUri: merged.image.imageUrl,
        registryId: merged.image.registryId,
        command: merged.image.command,
        args: merged.image.args,
      };
      delete result.image;
    } else {
      result.code = code;
    }
    return { key, inputs: result };
  });
}

/** TriggerManager.bulkCreateTriggers entries: `function` becomes `{ name, namespace }`; apigw's `apis` → `endpoints`. */
function triggerInputs(project) {
  const { inputs } = project;
  const byKey = (key) => {
    if (!inputs.functions || !inputs.functions[key]) {
      throw new Error(`a trigger names function '${key}', which inputs.functions does not declare`);
    }
    return { name: functionName(project, key, inputs.functions[key]), namespace: inputs.functions[key].namespace || inputs.namespace || 'default' };
  };
  return (inputs.triggers || []).map((trigger) => {
    if (trigger.type === 'apigw') {
      // `name` names the service (it overwrites `serviceName`), `id` picks an existing one (reference/deploy.md §4).
      const { apis = [], name, id, ...parameters } = trigger.parameters || {};
      return {
        type: 'apigw',
        parameters: {
          ...parameters,
          ...(name !== undefined ? { serviceName: name } : {}),
          ...(id !== undefined ? { serviceId: id } : {}),
          endpoints: apis.map(({ isIntegratedResponse, ...api }) => {
            if (!api.function) throw new Error(`apigw api ${api.method} ${api.path} names no function (each api needs its own)`);
            return { ...api, function: byKey(api.function) };
          }),
        },
      };
    }
    return { type: trigger.type, function: byKey(trigger.function), parameters: trigger.parameters || {} };
  });
}

module.exports = { functionInputs, triggerInputs, functionName, withLibraryEnvironment };
