import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import {
  environmentFields,
  environmentFieldsFileSchema,
  flaggedEnvironmentFieldSchema,
  type EnvironmentField,
  type FlaggedEnvironmentField,
} from '../../../shared/diff/environment-fields';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import { writeFileAtomic } from '../fs/atomic-write';
import { readWorkspaceJson } from '../workspace/read-workspace-json';
import { refuseSymlinksInsideWorkspace } from '../fs/symlink-guard';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';

export const ENVIRONMENT_FIELDS_FILE = 'compare/environment-fields.json';

/**
 * Fields the team flags as differing per environment (a data table column with each org's own
 * URL), beside those the object types declare. The file lives in the workspace and is shared
 * through git like the ignore rules; it is untrusted input, parsed strictly.
 */
export class EnvironmentFieldsStore {
  constructor(private readonly workspace: WorkspaceService) {}

  /** Declared fields of every type, then the team's. */
  async list(): Promise<EnvironmentField[]> {
    return environmentFields(objectTypeIds, await this.flagged());
  }

  async flagged(): Promise<FlaggedEnvironmentField[]> {
    const file = await readWorkspaceJson(
      this.workspace.requirePath(),
      ENVIRONMENT_FIELDS_FILE,
      environmentFieldsFileSchema,
    );
    return file?.fields ?? [];
  }

  async add(field: FlaggedEnvironmentField): Promise<EnvironmentField[]> {
    const parsed = flaggedEnvironmentFieldSchema.safeParse(field);
    if (!parsed.success) {
      throw new FerryError(
        'request.invalid',
        `That field cannot be flagged: ${describeIssues(toFieldIssues(parsed.error))}`,
        { issues: toFieldIssues(parsed.error) },
      );
    }
    const checked = parsed.data;
    if (
      (await this.list()).some(
        (known) => known.declared && known.type === checked.type && known.path === checked.path,
      )
    )
      return this.list();
    const fields = (await this.flagged()).filter(
      (item) => !(item.type === checked.type && item.path === checked.path),
    );
    fields.push(checked);
    await this.write(
      fields,
      `Compare ${checked.type} ${checked.path} as differing per environment${checked.reason === undefined ? '' : `: ${checked.reason}`}`,
    );
    return this.list();
  }

  async remove(type: string, path: string): Promise<EnvironmentField[]> {
    const current = await this.flagged();
    const fields = current.filter((item) => !(item.type === type && item.path === path));
    if (fields.length === current.length) {
      const declared = (await this.list()).some(
        (known) => known.declared && known.type === type && known.path === path,
      );
      throw new FerryError(
        'request.invalid',
        declared
          ? `${type} ${path} differs per environment by its object type's definition, so it cannot be unflagged; add an ignore rule instead if it should not show at all`
          : `${type} ${path} is not flagged as differing per environment; nothing to remove`,
      );
    }
    await this.write(fields, `Compare ${type} ${path} as any other field again`);
    return this.list();
  }

  private async write(fields: FlaggedEnvironmentField[], message: string): Promise<void> {
    const dir = this.workspace.requirePath();
    const checked = environmentFieldsFileSchema.parse({ fields });
    const path = join(dir, ENVIRONMENT_FIELDS_FILE);
    await this.workspace.writeLock.run(async () => {
      await refuseSymlinksInsideWorkspace(path);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(checked, null, 2)}\n`);
      await commitFiles(
        dir,
        [ENVIRONMENT_FIELDS_FILE],
        message,
        this.workspace.author(),
        this.workspace.now(),
      );
    });
  }
}
