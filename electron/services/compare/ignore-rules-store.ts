import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import { objectNameInWords } from '../../../shared/flows/object-key-words';
import { ignoreRuleSchema } from '../../../shared/diff/ignore-rules';
import type { IgnoreRule } from '../../../shared/diff/diff-types';
import { writeFileAtomic } from '../fs/atomic-write';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';

export const IGNORE_RULES_FILE = 'compare/ignore-rules.json';
export const driftIgnoreFile = (environment: string) => `drift/${environment}.json`;

const rulesFileSchema = z.object({ rules: z.array(ignoreRuleSchema) }).strict();
const driftIgnoreSchema = z
  .object({
    objects: z.array(
      z
        .object({
          type: z.string(),
          key: z.string(),
          reason: z.string().min(1),
          at: z.iso.datetime(),
          by: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type DriftIgnores = z.infer<typeof driftIgnoreSchema>;

/** Ignore rules and drift ignores live in the workspace, so the whole team shares them through git. */
export class IgnoreRulesStore {
  constructor(private readonly workspace: WorkspaceService) {}

  async rules(): Promise<IgnoreRule[]> {
    return (await this.readJson(IGNORE_RULES_FILE, rulesFileSchema, { rules: [] })).rules;
  }

  async addRule(rule: IgnoreRule): Promise<IgnoreRule[]> {
    const checked = ignoreRuleSchema.parse(rule);
    const rules = (await this.rules()).filter(
      (item) => !(item.type === checked.type && item.path === checked.path),
    );
    rules.push(checked);
    await this.writeJson(
      IGNORE_RULES_FILE,
      { rules },
      `Ignore ${checked.type} ${checked.path} in compares: ${checked.reason}`,
    );
    return rules;
  }

  async removeRule(type: string, path: string): Promise<IgnoreRule[]> {
    const rules = (await this.rules()).filter((item) => !(item.type === type && item.path === path));
    await this.writeJson(IGNORE_RULES_FILE, { rules }, `Stop ignoring ${type} ${path} in compares`);
    return rules;
  }

  async driftIgnores(environment: string): Promise<DriftIgnores['objects']> {
    return (await this.readJson(driftIgnoreFile(environment), driftIgnoreSchema, { objects: [] })).objects;
  }

  async ignoreDrift(environment: string, type: string, key: string, reason: string): Promise<void> {
    if (reason.trim() === '') throw new FerryError('request.invalid', 'Ignoring drift needs a reason');
    const objects = (await this.driftIgnores(environment)).filter(
      (item) => !(item.type === type && item.key === key),
    );
    objects.push({
      type,
      key,
      reason: reason.trim(),
      at: this.workspace.now().toISOString(),
      by: this.workspace.author().name,
    });
    await this.writeJson(
      driftIgnoreFile(environment),
      { objects },
      `drift ${environment}: ignore ${objectNameInWords(type, key)}: ${reason.trim()}`,
    );
  }

  /** Drift of the object shows again at the next check. */
  async unignoreDrift(environment: string, type: string, key: string): Promise<void> {
    const current = await this.driftIgnores(environment);
    const objects = current.filter((item) => !(item.type === type && item.key === key));
    if (objects.length === current.length) {
      throw new FerryError(
        'drift.not-ignored',
        `The ${objectNameInWords(type, key)} is not ignored in ${environment}`,
      );
    }
    await this.writeJson(
      driftIgnoreFile(environment),
      { objects },
      `drift ${environment}: stop ignoring ${objectNameInWords(type, key)}`,
    );
  }

  private async readJson<T>(file: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
    const path = join(this.workspace.requirePath(), file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return fallback;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new FerryError('workspace.corrupt', `${file} is not valid JSON`, { file });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new FerryError(
        'workspace.corrupt',
        `${file} is not valid: ${describeIssues(toFieldIssues(parsed.error))}`,
        { file },
      );
    }
    return parsed.data;
  }

  private async writeJson(file: string, value: unknown, message: string): Promise<void> {
    const dir = this.workspace.requirePath();
    await this.workspace.writeLock.run(async () => {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFileAtomic(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
      await commitFiles(dir, [file], message, this.workspace.author(), this.workspace.now());
    });
  }
}
