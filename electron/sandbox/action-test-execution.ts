import type { DataActionBody } from './org-state';
import { seedFromText } from './seeded-random';

/**
 * What `POST /api/v2/integrations/actions/{actionId}/test` answers (`TestExecutionResult`): the
 * action run step by step, each step's intermediate result, and the translated output. Genesys
 * answers 200 whether or not the action worked; `success` and the failed operation's `error` say.
 *
 * The sandbox has no CRM to call, so the "Execute request" step is simulated, deterministically,
 * from the action's own configuration and contract (so a test makes a check fail by promoting a
 * change that breaks the action, as in a real org):
 * - an input the contract requires and the call lacks fails "Validate input against schema";
 * - a `${input.x}` in the URL template with no such input fails "Resolve request URL template";
 * - a request URL whose host ends in `.invalid` (RFC 6761: never resolves) or is not http(s)
 *   fails "Execute request" as an unknown host would;
 * - otherwise the remote service answers a JSON object holding, for each `$.path` of the
 *   translation map, the input of that name when there is one, else a value of the type the
 *   output schema gives it (text, number or boolean, derived from the request URL);
 * - the translated output missing a property the success schema requires, or of another type,
 *   fails "Validate output against schema".
 */

export interface ErrorBody {
  message: string;
  code: string;
  status: number;
}

export interface TestExecutionOperationResult {
  step: number;
  name: string;
  success: boolean;
  result?: unknown;
  error?: ErrorBody;
}

export interface TestExecutionResult {
  operations: TestExecutionOperationResult[];
  error?: ErrorBody;
  finalResult?: Record<string, unknown>;
  success: boolean;
}

type Json = Record<string, unknown>;

function objectOr(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: unknown): boolean {
  if (typeof type !== 'string') return true;
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function runActionTest(action: DataActionBody, input: Json): TestExecutionResult {
  const operations: TestExecutionOperationResult[] = [];
  const fail = (name: string, message: string, code: string, status = 400): TestExecutionResult => {
    const error = { message, code, status };
    operations.push({ step: operations.length + 1, name, success: false, error });
    return { operations, error, success: false };
  };
  const ok = (name: string, result: unknown) =>
    operations.push({ step: operations.length + 1, name, success: true, result });

  const inputSchema = objectOr(objectOr(action.contract.input).inputSchema);
  const inputProperties = objectOr(inputSchema.properties);
  const missing = stringsOf(inputSchema.required).filter((name) => !Object.hasOwn(input, name));
  const mistyped = Object.entries(input).filter(
    ([name, value]) => !matchesType(value, objectOr(inputProperties[name]).type),
  );
  if (missing.length > 0 || mistyped.length > 0) {
    return fail(
      'Validate input against schema',
      [
        ...missing.map((name) => `Missing required input "${name}".`),
        ...mistyped.map(
          ([name, value]) =>
            `Input "${name}" must be ${String(objectOr(inputProperties[name]).type)}, not ${typeOf(value)}.`,
        ),
      ].join(' '),
      'invalid.input',
    );
  }
  ok('Validate input against schema', input);

  const request = objectOr(action.config.request);
  const template = typeof request.requestUrlTemplate === 'string' ? request.requestUrlTemplate : '';
  let unresolved: string | null = null;
  const url = template.replace(/\$\{input\.([A-Za-z0-9_]+)\}/g, (_whole, name: string) => {
    if (!Object.hasOwn(input, name)) {
      unresolved ??= name;
      return '';
    }
    return encodeURIComponent(String(input[name]));
  });
  if (unresolved !== null) {
    return fail(
      'Resolve request URL template',
      `The URL template names \${input.${String(unresolved)}}, which the input does not hold.`,
      'template.unresolved',
    );
  }
  ok('Resolve request URL template', url);
  const method = typeof request.requestType === 'string' ? request.requestType : 'GET';
  ok('Resolve request body template', method === 'GET' ? '' : JSON.stringify(input));

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('Execute request', `"${url}" is not a URL.`, 'request.invalid-url');
  }
  const { hostname: host, protocol } = parsed;
  if ((protocol !== 'https:' && protocol !== 'http:') || host === '' || host.endsWith('.invalid')) {
    return fail(
      'Execute request',
      `REST call for action execute failed. Message: Request to backend service failed: UnknownHostException: ${host || url}`,
      'internal.server.error',
      500,
    );
  }
  const response = objectOr(action.config.response);
  const translationMap = objectOr(response.translationMap);
  const outputSchema = objectOr(objectOr(action.contract.output).successSchema);
  const outputProperties = objectOr(outputSchema.properties);
  const seed = seedFromText(`${method} ${url}`);
  const remote: Json = {};
  for (const [output, pathValue] of Object.entries(translationMap)) {
    const path = typeof pathValue === 'string' ? /^\$\.([A-Za-z0-9_]+)$/.exec(pathValue)?.[1] : undefined;
    if (path === undefined) continue;
    if (Object.hasOwn(input, path)) remote[path] = input[path];
    else remote[path] = sampleOf(objectOr(outputProperties[output]).type, output, seed);
  }
  ok('Execute request', remote);

  const translated: Json = {};
  for (const [output, pathValue] of Object.entries(translationMap)) {
    const path = typeof pathValue === 'string' ? /^\$\.([A-Za-z0-9_]+)$/.exec(pathValue)?.[1] : undefined;
    if (path !== undefined && Object.hasOwn(remote, path)) translated[output] = remote[path];
  }
  ok('Resolve translation map', translated);

  const absent = stringsOf(outputSchema.required).filter((name) => !Object.hasOwn(translated, name));
  const wrong = Object.entries(translated).filter(
    ([name, value]) => !matchesType(value, objectOr(outputProperties[name]).type),
  );
  if (absent.length > 0 || wrong.length > 0) {
    return fail(
      'Validate output against schema',
      [
        ...absent.map((name) => `The output lacks the required property "${name}".`),
        ...wrong.map(
          ([name]) => `The output's "${name}" is not ${String(objectOr(outputProperties[name]).type)}.`,
        ),
      ].join(' '),
      'invalid.output',
    );
  }
  ok('Validate output against schema', translated);
  return { operations, finalResult: translated, success: true };
}

/** A value of the schema's type, the same for the same request every time. */
function sampleOf(type: unknown, name: string, seed: number): unknown {
  if (type === 'number' || type === 'integer') return seed % 1000;
  if (type === 'boolean') return seed % 2 === 0;
  return `${name}-${(seed >>> 0).toString(16).padStart(8, '0')}`;
}
