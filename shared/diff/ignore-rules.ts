import { z } from 'zod';
import { EVERY_ELEMENT, parseDiffPath, tokenizeDiffPath, type PathSegment } from './diff-path';
import type { IgnoreRule } from './diff-types';

type PatternStep =
  | { kind: 'field'; name: string }
  | { kind: 'any-segment' }
  | { kind: 'any-depth' }
  | { kind: 'index'; index: number }
  | { kind: 'any-index' };

/** A rule's path, read once. */
export type IgnorePattern = readonly PatternStep[];

const compiled = new Map<string, IgnorePattern>();

/** Throws on a path that cannot be read; the schema turns that into an issue. */
export function compileIgnorePath(path: string): IgnorePattern {
  const cached = compiled.get(path);
  if (cached !== undefined) return cached;
  const steps = tokenizeDiffPath(path).map((token): PatternStep => {
    if (token.kind === 'every') return { kind: 'any-index' };
    if (token.kind === 'index') return token;
    if (token.name === '*') return { kind: 'any-segment' };
    if (token.name === '**') return { kind: 'any-depth' };
    return token;
  });
  compiled.set(path, steps);
  return steps;
}

export const ignoreRuleSchema = z.object({
  type: z.string().min(1),
  path: z
    .string()
    .min(1)
    .superRefine((path, context) => {
      try {
        compileIgnorePath(path);
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  reason: z.string().min(1),
});

export function ruleAppliesToType(rule: IgnoreRule, type: string): boolean {
  return rule.type === '*' || rule.type === type;
}

/**
 * Where a path stands against a pattern: `match` when the pattern names the path or one of its
 * ancestors (so it hides the path), `below` when it may name something further down, else `none`.
 * The diff walk uses `below` to know when it can stop checking rules for a whole subtree.
 */
export type PatternState = 'match' | 'below' | 'none';

export function patternState(pattern: IgnorePattern, path: readonly PathSegment[]): PatternState {
  // Memoised over (step, segment) positions: `**` makes plain backtracking exponential.
  const memo = new Map<number, PatternState>();
  const width = path.length + 1;
  const visit = (step: number, segment: number): PatternState => {
    const memoKey = step * width + segment;
    const known = memo.get(memoKey);
    if (known !== undefined) return known;
    let state: PatternState;
    const current = pattern[step];
    if (current === undefined) state = 'match';
    else if (current.kind === 'any-depth') {
      const skip = visit(step + 1, segment);
      state =
        skip === 'match' ? skip : best(skip, segment < path.length ? visit(step, segment + 1) : 'below');
    } else if (segment === path.length) state = 'below';
    else state = stepMatches(current, path[segment] as PathSegment) ? visit(step + 1, segment + 1) : 'none';
    memo.set(memoKey, state);
    return state;
  };
  return visit(0, 0);
}

function best(left: PatternState, right: PatternState): PatternState {
  if (left === 'match' || right === 'match') return 'match';
  return left === 'below' || right === 'below' ? 'below' : 'none';
}

function stepMatches(step: PatternStep, segment: PathSegment): boolean {
  switch (step.kind) {
    case 'field':
      return segment === step.name;
    case 'any-segment':
      return true;
    case 'any-index':
      return typeof segment === 'number';
    case 'index':
      // "Every element" of a set is not element n: a rule about one position cannot hide it.
      return segment === step.index && segment !== EVERY_ELEMENT;
    case 'any-depth':
      return true;
  }
}

/** Whether `rule` hides the field at `path` (or the field it sits in) in objects of `type`. */
export function matchesIgnoreRule(rule: IgnoreRule, type: string, path: string): boolean {
  if (!ruleAppliesToType(rule, type)) return false;
  return patternState(compileIgnorePath(rule.path), parseDiffPath(path)) === 'match';
}
