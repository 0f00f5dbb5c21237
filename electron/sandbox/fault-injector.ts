import { ORG_KEYS, type OrgKey } from './org-state';
import { createSeededRandom, type SeededRandom } from './seeded-random';

/**
 * Faults the sandbox injects so that retry, back-off and timeout paths in a connector run
 * against something that misbehaves the way a busy cloud API does. Every decision comes from a
 * seeded PRNG, so a failing run can be replayed exactly by reusing the seed.
 */
export interface FaultSpec {
  latencyMs: { min: number; max: number } | null;
  /** Share of requests answered 503 (0–1). */
  serviceUnavailableRate: number;
  /** Share of requests answered 429 regardless of the real rate limit (0–1). */
  tooManyRequestsRate: number;
  /** Share of requests whose connection is destroyed without an answer (0–1). */
  dropRate: number;
  /**
   * Share of requests carried out in full (a write is applied and saved) whose connection is then
   * destroyed without an answer: the client cannot tell whether its write landed (0–1). Absent
   * means 0, so specs written before this fault existed still describe the same sandbox.
   */
  lostReplyRate?: number;
  /**
   * Faults aimed at one route (`lost-reply@flowCheckin=0.5`, `429@flowExportJobCreate=0.3`,
   * `job-failure@flowExportJobCreate=1`): at that rate each call of the operation meets the fault.
   * Drawn from their own sequence, so the untargeted faults of a seed stay as they were.
   */
  targeted?: TargetedFault[];
  /** How long Architect export and import jobs run (`job-ms=5000`: slow jobs). */
  flowJobMs?: number;
  /**
   * Flows someone else holds checked out when the sandbox starts (`checked-out@uat=Main Menu`,
   * or `checked-out@uat=INQUEUECALL/Billing` when the name is not enough): the 409s and failed
   * imports a person editing a flow in Architect brings.
   */
  checkedOut?: { org: OrgKey; flow: string }[];
  seed: number;
}

export interface TargetedFault {
  operation: WriteOperation;
  fault: ArmedFault;
  rate: number;
}

export const NO_FAULTS: FaultSpec = Object.freeze({
  latencyMs: null,
  serviceUnavailableRate: 0,
  tooManyRequestsRate: 0,
  dropRate: 0,
  seed: 1,
});

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

const SPEC_KEYS = ['latency', '503', '429', 'drop', 'lost-reply', 'job-ms', 'seed'] as const;
/** The faults a spec can aim at one operation, by the word the spec uses. */
const TARGETED_FAULTS: Readonly<Record<string, ArmedFault>> = {
  'lost-reply': 'lostReply',
  '429': 'tooManyRequests',
  'job-failure': 'jobFailure',
};
/** The operations whose calls make jobs, the only ones a job failure can be aimed at. */
const JOB_OPERATIONS: readonly WriteOperation[] = ['flowExportJobCreate', 'flowImportJobCreate'];
type SpecKey = (typeof SPEC_KEYS)[number];
const isSpecKey = (key: string): key is SpecKey => (SPEC_KEYS as readonly string[]).includes(key);

/**
 * Reads `latency=20-50,503=0.1,429=0.05,drop=0.01,lost-reply=0.02,seed=7`, plus faults aimed at
 * one operation (`lost-reply@flowPublish=1`, `429@flowExportJobCreate=0.5`,
 * `job-failure@flowExportJobCreate=0.2`), slow Architect jobs (`job-ms=5000`) and flows checked out
 * by someone else (`checked-out@uat=Main Menu`). Every part is
 * optional; an empty string means no faults. Errors name the part that is wrong.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = { ...NO_FAULTS };
  const seen = new Set<string>();
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const part of parts) {
    const equals = part.indexOf('=');
    const fail = (why: string): never => {
      throw new FaultSpecError(`fault spec part "${part}": ${why}`);
    };
    if (equals <= 0) fail('expected key=value');
    const key = part.slice(0, equals).trim().toLowerCase();
    const value = part.slice(equals + 1).trim();
    if (key.startsWith('checked-out@')) {
      const org = key.slice('checked-out@'.length);
      if (!(ORG_KEYS as readonly string[]).includes(org))
        fail(`unknown org "${org}" (one of ${ORG_KEYS.join(', ')})`);
      if (value === '') fail('name the flow: checked-out@<org>=<flow name> or <TYPE>/<flow name>');
      (spec.checkedOut ??= []).push({ org: org as OrgKey, flow: value });
      continue;
    }
    if (key.includes('@')) {
      if (seen.has(key)) fail(`"${key}" is given more than once`);
      seen.add(key);
      (spec.targeted ??= []).push(parseTargeted(key, value, fail));
      continue;
    }
    if (!isSpecKey(key)) {
      fail(
        `unknown key "${key}" (known: ${SPEC_KEYS.join(', ')}, checked-out@<org>, or <fault>@<operation> with fault ${Object.keys(TARGETED_FAULTS).join(', ')})`,
      );
    }
    if (seen.has(key)) fail(`"${key}" is given more than once`);
    seen.add(key);
    switch (key as SpecKey) {
      case 'latency':
        spec.latencyMs = parseLatency(value, fail);
        break;
      case '503':
        spec.serviceUnavailableRate = parseRate(value, fail);
        break;
      case '429':
        spec.tooManyRequestsRate = parseRate(value, fail);
        break;
      case 'drop':
        spec.dropRate = parseRate(value, fail);
        break;
      case 'lost-reply':
        spec.lostReplyRate = parseRate(value, fail);
        break;
      case 'job-ms':
        if (!/^\d+$/.test(value) || Number(value) > 600_000)
          fail('job-ms must be milliseconds from 0 to 600000');
        spec.flowJobMs = Number(value);
        break;
      case 'seed':
        if (!/^\d+$/.test(value) || Number(value) > 0xffffffff)
          fail('seed must be an integer from 0 to 4294967295');
        spec.seed = Number(value);
        break;
    }
  }
  if (
    spec.serviceUnavailableRate + spec.tooManyRequestsRate + spec.dropRate + (spec.lostReplyRate ?? 0) >
    1
  ) {
    throw new FaultSpecError(
      `fault spec "${text}": the 503, 429, drop and lost-reply rates add up to more than 1`,
    );
  }
  return spec;
}

function parseTargeted(key: string, value: string, fail: (why: string) => never): TargetedFault {
  const [word = '', name = ''] = key.split('@');
  const fault = Object.hasOwn(TARGETED_FAULTS, word) ? TARGETED_FAULTS[word] : undefined;
  if (fault === undefined) {
    return fail(`unknown fault "${word}" (one of ${Object.keys(TARGETED_FAULTS).join(', ')})`);
  }
  const operation = WRITE_OPERATIONS.find((candidate) => candidate.toLowerCase() === name);
  if (operation === undefined)
    return fail(`unknown operation "${name}" (one of ${WRITE_OPERATIONS.join(', ')})`);
  if (fault === 'jobFailure' && !JOB_OPERATIONS.includes(operation)) {
    return fail(`job-failure applies to ${JOB_OPERATIONS.join(' and ')} only`);
  }
  return { operation, fault, rate: parseRate(value, fail) };
}

function parseLatency(value: string, fail: (why: string) => never): { min: number; max: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!match) return fail('latency must be milliseconds, N or N-M');
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (max < min) return fail('latency range must be low-high');
  if (max > 600_000) return fail('latency above 600000 ms is not useful');
  return { min, max };
}

function parseRate(value: string, fail: (why: string) => never): number {
  const rate = Number(value);
  if (value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    return fail('rate must be a number from 0 to 1');
  return rate;
}

export function describeFaultSpec(spec: FaultSpec): string {
  const parts: string[] = [];
  if (spec.latencyMs) {
    const { min, max } = spec.latencyMs;
    parts.push(`latency=${min === max ? min : `${min}-${max}`}`);
  }
  if (spec.serviceUnavailableRate > 0) parts.push(`503=${spec.serviceUnavailableRate}`);
  if (spec.tooManyRequestsRate > 0) parts.push(`429=${spec.tooManyRequestsRate}`);
  if (spec.dropRate > 0) parts.push(`drop=${spec.dropRate}`);
  if ((spec.lostReplyRate ?? 0) > 0) parts.push(`lost-reply=${spec.lostReplyRate}`);
  for (const aimed of spec.targeted ?? []) {
    const word = Object.keys(TARGETED_FAULTS).find((candidate) => TARGETED_FAULTS[candidate] === aimed.fault);
    parts.push(`${word ?? aimed.fault}@${aimed.operation}=${aimed.rate}`);
  }
  if (spec.flowJobMs !== undefined) parts.push(`job-ms=${spec.flowJobMs}`);
  for (const held of spec.checkedOut ?? []) parts.push(`checked-out@${held.org}=${held.flow}`);
  if (parts.length === 0) return 'none';
  return [...parts, `seed=${spec.seed}`].join(',');
}

export type FaultOutcome = 'pass' | 'drop' | 'serviceUnavailable' | 'tooManyRequests' | 'lostReply';

export interface FaultDecision {
  latencyMs: number;
  outcome: FaultOutcome;
}

/**
 * The calls a test (or a `<fault>@<operation>` spec part) can single out (issue 18): a write is
 * applied and saved before its reply is lost, so a client that retries must find what its first
 * attempt did (exactly once); a job's status read can be throttled or lost like any call.
 */
export const WRITE_OPERATIONS = [
  'flowExportJobCreate',
  'flowExportJobRead',
  'flowImportJobCreate',
  'flowImportJobRead',
  'flowUpload',
  'flowCheckout',
  'flowCheckin',
  'flowPublish',
  'flowRevert',
  'flowUnlock',
  'actionCreate',
  'actionDraftCreate',
  'actionDraftUpdate',
  'actionDraftPublish',
  'integrationConfigWrite',
  'credentialWrite',
] as const;
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

/**
 * `jobFailure`: the job is registered as asked, then ends in `Failure` (an export that cannot be
 * read, an import the org rejects) with an internal error's message, as Genesys jobs sometimes do.
 */
export type ArmedFault = 'lostReply' | 'tooManyRequests' | 'jobFailure';

export class FaultInjector {
  private readonly random: SeededRandom;
  /** Draws for faults aimed at one operation, apart from `random` (see FaultSpec.targeted). */
  private readonly targetedRandom: SeededRandom;
  /** Faults armed for the next calls of one write, in the order they were armed. */
  private readonly armed = new Map<WriteOperation, ArmedFault[]>();

  constructor(private readonly spec: FaultSpec) {
    this.random = createSeededRandom(spec.seed);
    this.targetedRandom = createSeededRandom((spec.seed ^ 0x9e3779b9) >>> 0);
  }

  get active(): boolean {
    return (
      this.spec.latencyMs !== null ||
      this.spec.serviceUnavailableRate > 0 ||
      this.spec.tooManyRequestsRate > 0 ||
      this.spec.dropRate > 0 ||
      (this.spec.lostReplyRate ?? 0) > 0
    );
  }

  /** The next `times` calls of `operation` are applied, then their replies lost. */
  loseReplyOf(operation: WriteOperation, times = 1): void {
    this.arm(operation, 'lostReply', times);
  }

  /** The next `times` calls of `operation` are refused with a 429 before anything is applied. */
  throttle(operation: WriteOperation, times = 1): void {
    this.arm(operation, 'tooManyRequests', times);
  }

  /** The next `times` jobs `operation` registers end in Failure. */
  failJob(operation: 'flowExportJobCreate' | 'flowImportJobCreate', times = 1): void {
    this.arm(operation, 'jobFailure', times);
  }

  /**
   * The fault for this call of `operation`, if any: one a test armed (consumed) first, otherwise
   * one the spec aims at it, drawn from the targeted sequence.
   */
  takeArmed(operation: WriteOperation): ArmedFault | null {
    const queue = this.armed.get(operation);
    const next = queue?.shift() ?? null;
    if (queue && queue.length === 0) this.armed.delete(operation);
    if (next !== null) return next;
    for (const aimed of this.spec.targeted ?? []) {
      if (aimed.operation === operation && this.targetedRandom.next() < aimed.rate) return aimed.fault;
    }
    return null;
  }

  private arm(operation: WriteOperation, fault: ArmedFault, times: number): void {
    if (!Number.isInteger(times) || times < 1 || times > 1000) {
      throw new FaultSpecError(`times must be an integer from 1 to 1000, got ${times}`);
    }
    const queue = this.armed.get(operation) ?? [];
    for (let count = 0; count < times; count += 1) queue.push(fault);
    this.armed.set(operation, queue);
  }

  /**
   * Always draws exactly two numbers per request, so the n-th request's fate depends only on
   * the seed and n, not on which faults are switched on.
   */
  decide(): FaultDecision {
    const latencyDraw = this.random.next();
    const outcomeDraw = this.random.next();
    const range = this.spec.latencyMs;
    const latencyMs = range ? range.min + Math.floor(latencyDraw * (range.max - range.min + 1)) : 0;
    let threshold = this.spec.dropRate;
    if (outcomeDraw < threshold) return { latencyMs, outcome: 'drop' };
    threshold += this.spec.serviceUnavailableRate;
    if (outcomeDraw < threshold) return { latencyMs, outcome: 'serviceUnavailable' };
    threshold += this.spec.tooManyRequestsRate;
    if (outcomeDraw < threshold) return { latencyMs, outcome: 'tooManyRequests' };
    // Last, so a spec without it gives every request the fate it had before this fault existed.
    threshold += this.spec.lostReplyRate ?? 0;
    if (outcomeDraw < threshold) return { latencyMs, outcome: 'lostReply' };
    return { latencyMs, outcome: 'pass' };
  }
}
