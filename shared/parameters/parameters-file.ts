import { z } from 'zod';
import { isReferenceTargetType } from '../model/object-types/registry';
import { parameterNameSchema } from './parameter-name';
import { parameterTypeSchema, parameterValueProblem, type ParameterType } from './parameter-types';
import type { JsonValue } from '../model/canonical/json-value';

/**
 * `environments/<env>/parameters.json` (DESIGN §4): an environment's own values, reviewable in git.
 * A secret parameter is listed by name and type only; its value is in the vault of each machine
 * that promotes (or the pipeline's `FERRY_PARAM_<ENV>_<NAME>`). Mappings rename referenced objects
 * for this environment: `{"authorization.division": {"Customer Service": "Customer Care"}}` says
 * the division changesets call "Customer Service" is "Customer Care" here.
 */
export const PARAMETERS_FORMAT_VERSION = 1;

export const parametersFilePath = (environment: string) => `environments/${environment}/parameters.json`;

const entrySchema = z
  .object({
    type: parameterTypeSchema,
    /** Absent for a secret. */
    value: z.unknown().optional(),
    /** Who set it and when: for people reading the file, never for a decision. */
    setBy: z.string().max(200).optional(),
    setAt: z.iso.datetime().optional(),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.type === 'secret') {
      if (entry.value !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'a secret parameter keeps its value in the vault, never in the workspace',
        });
      return;
    }
    const problem = entry.value === undefined ? 'is missing' : parameterValueProblem(entry.type, entry.value);
    if (problem !== null) context.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type ParameterEntry = z.infer<typeof entrySchema>;

const mappingNameSchema = z.string().min(1).max(512);

export const parametersFileSchema = z
  .object({
    formatVersion: z.literal(PARAMETERS_FORMAT_VERSION),
    parameters: z.record(parameterNameSchema, entrySchema),
    mappings: z.record(z.string(), z.record(mappingNameSchema, mappingNameSchema)).default({}),
  })
  .strict()
  .superRefine((file, context) => {
    for (const [type, names] of Object.entries(file.mappings)) {
      if (!isReferenceTargetType(type)) {
        context.addIssue({
          code: 'custom',
          path: ['mappings', type],
          message: `"${type}" is not an object type Ferry knows`,
        });
        continue;
      }
      const problem = mappingProblem(type, names);
      if (problem !== null) context.addIssue({ code: 'custom', path: ['mappings', type], message: problem });
    }
  });
export type ParametersFile = z.infer<typeof parametersFileSchema>;

export function emptyParametersFile(): ParametersFile {
  return { formatVersion: PARAMETERS_FORMAT_VERSION, parameters: {}, mappings: {} };
}

/**
 * Why one type's mapping cannot be used, or null. A name mapped to a name that is itself mapped
 * (a chain, or a cycle) would make the meaning depend on how many times it is applied; two names
 * mapped to one would make a compare unable to tell which was meant. A name mapped to itself says
 * nothing and is refused as a likely mistake.
 */
export function mappingProblem(type: string, names: Readonly<Record<string, string>>): string | null {
  const entries = Object.entries(names);
  for (const [from, to] of entries) {
    if (from === to) return `${type}: "${from}" is mapped to itself`;
    if (Object.hasOwn(names, to)) {
      const next = names[to] as string;
      return next === from
        ? `${type}: "${from}" and "${to}" are mapped to each other (a cycle); map each name at most once, to a name that is not mapped itself`
        : `${type}: "${from}" is mapped to "${to}", which is mapped to "${next}" (a chain); map "${from}" straight to the name it has here`;
    }
  }
  const seen = new Map<string, string>();
  for (const [from, to] of entries) {
    const other = seen.get(to);
    if (other !== undefined)
      return `${type}: both "${other}" and "${from}" are mapped to "${to}"; each name here can stand for one name elsewhere`;
    seen.set(to, from);
  }
  return null;
}

/** The resolved, in-memory values of one environment: what a plan substitutes. */
export interface EnvironmentValues {
  environment: string;
  parameters: ReadonlyMap<string, { type: ParameterType; value: JsonValue | undefined }>;
  /** type → name in changesets → name in this environment. */
  mappings: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export function environmentValues(environment: string, file: ParametersFile): EnvironmentValues {
  return {
    environment,
    parameters: new Map(
      Object.entries(file.parameters).map(([name, entry]) => [
        name,
        { type: entry.type, value: entry.type === 'secret' ? undefined : (entry.value as JsonValue) },
      ]),
    ),
    mappings: new Map(
      Object.entries(file.mappings).map(([type, names]) => [type, new Map(Object.entries(names))]),
    ),
  };
}
