import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import { isReferenceTargetType } from '../../../shared/model/object-types/registry';
import { referenceTypeLabel } from '../../../shared/model/object-types/unmanaged-reference-types';
import { parameterNameProblem, secretParameterVariable } from '../../../shared/parameters/parameter-name';
import { parametersUsedBy } from '../../../shared/parameters/parameters-used';
import { printableText } from '../../../shared/parameters/printable-text';
import {
  formatParameterValue,
  parameterTypeLabels,
  parameterTypeSchema,
  parseParameterText,
  type ParameterType,
} from '../../../shared/parameters/parameter-types';
import {
  emptyParametersFile,
  environmentValues,
  mappingProblem,
  parametersFilePath,
  parametersFileSchema,
  type EnvironmentValues,
  type ParametersFile,
} from '../../../shared/parameters/parameters-file';
import type { ParameterView, ParametersView } from '../../../shared/parameters/parameters-view';
import type { ChangesetStore } from '../changesets/changeset-store';
import { AsyncMutex } from '../concurrency/async-mutex';
import type { EnvironmentService } from '../environments/environment-service';
import { writeFileAtomic } from '../fs/atomic-write';
import { readWorkspaceJson } from '../workspace/read-workspace-json';
import { refuseSymlinksInsideWorkspace } from '../fs/symlink-guard';
import type { CredentialVault } from '../vault/credential-vault';
import type { Binding } from '../vault/vault-binding';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';

export interface ParameterServiceOptions {
  workspace: WorkspaceService;
  environments: EnvironmentService;
  changesets: ChangesetStore;
  vault: CredentialVault;
  /** Where a pipeline gives secret parameters (`FERRY_PARAM_<ENV>_<NAME>`). */
  env: NodeJS.ProcessEnv;
}

export interface SetParameterInput {
  environment: string;
  name: string;
  /** As typed by a person; parsed by the type. */
  value: string;
  /** Defaults to the parameter's type when it exists, else `string`. */
  type?: string | undefined;
  acceptUnprotected?: boolean;
  /**
   * Store a plain value in the workspace although the same name is a secret in another
   * environment: only when a person said so (`--plain`), never by default.
   */
  plainOnPurpose?: boolean | undefined;
}

/**
 * Per-environment values (issue 15): `environments/<env>/parameters.json` in the workspace, shared
 * through git and reviewed like any file, and secret values in this machine's vault. The file is
 * untrusted input: it is parsed strictly, and what it says is shown in every plan that uses it.
 */
export class ParameterService {
  /**
   * Each change reads the file, changes it and writes it back, one at a time: a save must never
   * write back a file read before another save wrote it (the other save would be lost).
   */
  private readonly changes = new AsyncMutex();

  constructor(private readonly options: ParameterServiceOptions) {}

  async file(environment: string): Promise<ParametersFile> {
    await this.options.environments.get(environment);
    const file = await readWorkspaceJson(
      this.options.workspace.requirePath(),
      parametersFilePath(environment),
      parametersFileSchema,
    );
    return file ?? emptyParametersFile();
  }

  /** Every environment's parameters and mappings, or one environment's. Secret values never appear. */
  async list(environment?: string): Promise<ParametersView[]> {
    const names =
      environment === undefined
        ? (await this.options.environments.configs()).map((config) => config.name)
        : [(await this.options.environments.get(environment)).name];
    const views: ParametersView[] = [];
    for (const name of names) views.push(await this.view(name));
    return views;
  }

  async view(environment: string): Promise<ParametersView> {
    const file = await this.file(environment);
    const parameters: ParameterView[] = [];
    for (const [name, entry] of Object.entries(file.parameters).sort(([a], [b]) => a.localeCompare(b))) {
      parameters.push({
        name,
        type: entry.type,
        ...(entry.type === 'secret'
          ? { hasValue: await this.hasSecret(environment, name) }
          : { value: formatParameterValue(entry.value as JsonValue), hasValue: true }),
        ...(entry.setBy === undefined ? {} : { setBy: entry.setBy }),
        ...(entry.setAt === undefined ? {} : { setAt: entry.setAt }),
      });
    }
    const mappings = Object.entries(file.mappings).flatMap(([type, names]) =>
      Object.entries(names).map(([from, to]) => ({ type, from, to })),
    );
    return { environment, parameters, mappings };
  }

  async set(input: SetParameterInput): Promise<ParametersView> {
    return this.changes.run(() => this.setNow(input));
  }

  private async setNow(input: SetParameterInput): Promise<ParametersView> {
    const { environment, name } = input;
    const nameProblem = parameterNameProblem(name);
    if (nameProblem !== null) {
      throw new FerryError(
        'parameter.invalid',
        `"${name.slice(0, 80)}" cannot be a parameter name: ${nameProblem}`,
        {
          issues: [{ path: 'name', message: nameProblem }],
        },
      );
    }
    const file = await this.file(environment);
    const existing = Object.hasOwn(file.parameters, name) ? file.parameters[name] : undefined;
    let type: ParameterType;
    if (input.type === undefined) type = existing?.type ?? 'string';
    else {
      const parsedType = parameterTypeSchema.safeParse(input.type);
      if (!parsedType.success) {
        throw new FerryError(
          'parameter.invalid',
          `"${input.type}" is not a parameter type; use one of ${parameterTypeSchema.options.join(', ')}`,
          {
            issues: [{ path: 'type', message: 'unknown type' }],
          },
        );
      }
      type = parsedType.data;
    }
    // Also when the name is already plain here: parameters.json is unsigned workspace text, so a
    // plain entry a teammate committed says nothing about what this value is (issue 18 attack).
    if (type !== 'secret' && input.plainOnPurpose !== true) {
      await this.refusePlainWhereSecretElsewhere(environment, name);
    }
    const parsed = parseParameterText(type, input.value);
    if (!parsed.ok) {
      throw new FerryError(
        'parameter.invalid',
        `${name} for ${environment} is a ${parameterTypeLabels[type]}: "${type === 'secret' ? '(hidden)' : input.value.slice(0, 120)}" ${parsed.problem}`,
        {
          issues: [{ path: 'value', message: parsed.problem }],
        },
      );
    }
    const stamp = {
      setBy: this.options.workspace.author().name,
      setAt: this.options.workspace.now().toISOString(),
    };
    if (type === 'secret') {
      // The value goes to the vault first: a refused vault leaves the file unchanged.
      await this.options.vault.storeBound(
        await this.secretKey(environment, name),
        parsed.value as string,
        await this.secretBinding(environment, name),
        input.acceptUnprotected ?? false,
      );
      file.parameters[name] = { type, ...stamp };
    } else {
      // A secret made plain keeps its sealed value: the org may still hold it, and every
      // connector keeps hiding the values the vault holds for the environment.
      file.parameters[name] = { type, value: parsed.value, ...stamp };
    }
    const shown =
      type === 'secret' ? '(secret, kept in the vault)' : printableText(formatParameterValue(parsed.value));
    await this.write(environment, file, `parameters ${environment}: set ${name} (${type}) = ${shown}`);
    return this.view(environment);
  }

  /**
   * A name that is a secret in another environment is almost surely a secret here too (a token, a
   * password): storing its value as plain text would put it in the workspace, shared through git.
   * So a value of that name must be a secret, unless a person asks for plain on purpose each time.
   */
  private async refusePlainWhereSecretElsewhere(environment: string, name: string): Promise<void> {
    const secretIn: string[] = [];
    for (const config of await this.options.environments.configs()) {
      if (config.name === environment) continue;
      const other = await this.file(config.name);
      if (Object.hasOwn(other.parameters, name) && other.parameters[name]?.type === 'secret') {
        secretIn.push(config.name);
      }
    }
    if (secretIn.length === 0) return;
    // The value is never named: it may be the secret itself.
    throw new FerryError(
      'parameter.secret-elsewhere',
      `${name} is a secret in ${secretIn.join(', ')}, so its value in ${environment} would most likely be one too: set it as a secret (\`ferry param set ${environment} ${name} - --type secret\`, or the type Secret on the Parameters tab) so it stays out of the workspace. If it really is not secret in ${environment}, re-run with \`--plain\` to store it in the workspace on purpose.`,
      { issues: [{ path: 'type', message: `a secret in ${secretIn.join(', ')}` }] },
    );
  }

  /**
   * Removes a parameter. One that changesets still use is refused, naming them, unless `force`:
   * their next plan to this environment would stop on it.
   */
  async unset(environment: string, name: string, force = false): Promise<ParametersView> {
    return this.changes.run(() => this.unsetNow(environment, name, force));
  }

  private async unsetNow(environment: string, name: string, force: boolean): Promise<ParametersView> {
    const file = await this.file(environment);
    const existing = Object.hasOwn(file.parameters, name) ? file.parameters[name] : undefined;
    if (existing === undefined) {
      throw new FerryError(
        'parameter.not-found',
        `${environment} has no parameter named "${name.slice(0, 80)}"`,
        {
          environment,
        },
      );
    }
    if (!force) {
      const users = await this.changesetsUsing(name);
      if (users.length > 0) {
        throw new FerryError(
          'parameter.in-use',
          `${name} is used by ${users.length} changeset${users.length === 1 ? '' : 's'} (${users.slice(0, 3).join(', ')}${users.length > 3 ? ', …' : ''}); their next plan to ${environment} would stop for want of it. Change those changesets first, or unset it anyway with --force`,
          { changesets: users },
        );
      }
    }
    const { [name]: _removed, ...rest } = file.parameters;
    void _removed;
    await this.write(environment, { ...file, parameters: rest }, `parameters ${environment}: unset ${name}`);
    // An unset secret's sealed value stays in the vault: the org may still hold it, and the
    // connector hides what the vault holds, so the next snapshot does not commit it.
    return this.view(environment);
  }

  /** `type` objects that changesets call `from` are called `to` in `environment`. */
  async map(environment: string, type: string, from: string, to: string): Promise<ParametersView> {
    return this.changes.run(() => this.mapNow(environment, type, from, to));
  }

  private async mapNow(environment: string, type: string, from: string, to: string): Promise<ParametersView> {
    if (!isReferenceTargetType(type)) {
      throw new FerryError(
        'parameter.invalid',
        `"${type.slice(0, 80)}" is not an object type Ferry knows; map e.g. authorization.division`,
        {
          issues: [{ path: 'type', message: 'unknown type' }],
        },
      );
    }
    const names = [from, to].map((text) => text.trim());
    if (names.some((text) => text === '' || text.length > 512)) {
      throw new FerryError('parameter.invalid', 'A mapping needs two names of 1 to 512 characters', {
        issues: [{ path: 'to', message: 'empty or too long' }],
      });
    }
    const [source, target] = names as [string, string];
    const file = await this.file(environment);
    const current = { ...(file.mappings[type] ?? {}), [source]: target };
    const problem = mappingProblem(type, current);
    if (problem !== null) throw new FerryError('parameter.mapping-invalid', `Refused: ${problem}`, { type });
    file.mappings[type] = current;
    await this.write(
      environment,
      file,
      `parameters ${environment}: ${referenceTypeLabel(type)} "${printableText(source)}" is "${printableText(target)}" here`,
    );
    return this.view(environment);
  }

  async unmap(environment: string, type: string, from: string): Promise<ParametersView> {
    return this.changes.run(() => this.unmapNow(environment, type, from));
  }

  private async unmapNow(environment: string, type: string, from: string): Promise<ParametersView> {
    const file = await this.file(environment);
    // Own keys only: `__proto__` or `constructor` must not find what every object inherits.
    const known = Object.hasOwn(file.mappings, type) ? (file.mappings[type] ?? {}) : {};
    if (!Object.hasOwn(known, from)) {
      throw new FerryError(
        'parameter.not-found',
        `${environment} has no mapping of ${type} "${from.slice(0, 80)}"`,
        { environment },
      );
    }
    const current = Object.fromEntries(Object.entries(known).filter(([name]) => name !== from));
    const mappings = Object.fromEntries(Object.entries(file.mappings).filter(([name]) => name !== type));
    if (Object.keys(current).length > 0) mappings[type] = current;
    file.mappings = mappings;
    await this.write(
      environment,
      file,
      `parameters ${environment}: stop mapping ${referenceTypeLabel(type)} "${printableText(from)}"`,
    );
    return this.view(environment);
  }

  /** What a plan to `environment` substitutes, and which of its secrets this machine can reveal. */
  async values(
    environment: string,
    needed: readonly string[] = [],
  ): Promise<{ values: EnvironmentValues; secrets: ReadonlySet<string> }> {
    const file = await this.file(environment);
    const values = environmentValues(environment, file);
    const secrets = new Set<string>();
    for (const name of needed) {
      if (values.parameters.get(name)?.type === 'secret' && (await this.hasSecret(environment, name)))
        secrets.add(name);
    }
    return { values, secrets };
  }

  /**
   * The values of every secret parameter of `environment` this machine holds, name → value: only
   * the connector asks, to reveal them in what it sends and hide them in what it reads.
   */
  async secretValues(environment: string): Promise<ReadonlyMap<string, string>> {
    // The hiding must not depend on the shared file alone: a teammate who drops a secret's entry
    // (or breaks the file) would otherwise turn it off, and the next snapshot would commit the
    // value the org still holds. Every secret this machine holds for the environment is hidden.
    const names = new Set(await this.vaultSecretNames(environment));
    try {
      const file = await this.file(environment);
      for (const [name, entry] of Object.entries(file.parameters))
        if (entry.type === 'secret') names.add(name);
    } catch {
      /* an unreadable file: the vault's names still hide what they hold */
    }
    const found = new Map<string, string>();
    for (const name of [...names].sort()) {
      const secret = await this.revealSecret(environment, name);
      if (secret !== null) found.set(name, secret);
    }
    return found;
  }

  /** Names of the secret parameters of `environment` sealed in this machine's vault. */
  private async vaultSecretNames(environment: string): Promise<string[]> {
    if (!this.options.vault.available) return [];
    const prefix = `${await this.options.workspace.workspaceKey()}/parameters/${environment}/`;
    return (await this.options.vault.keysStartingWith(prefix))
      .map((key) => key.slice(prefix.length))
      .filter((name) => parameterNameProblem(name) === null);
  }

  /** Ids of changesets in the workspace that use the parameter. */
  async changesetsUsing(name: string): Promise<string[]> {
    const users: string[] = [];
    for (const summary of await this.options.changesets.list()) {
      let changeset: Changeset;
      try {
        changeset = (await this.options.changesets.get(summary.id)).changeset;
      } catch {
        continue;
      }
      if (parametersUsedBy(changeset).includes(name)) users.push(changeset.id);
    }
    return users;
  }

  private async revealSecret(environment: string, name: string): Promise<string | null> {
    const fromPipeline = await this.pipelineSecret(environment, name);
    if (fromPipeline !== null) return fromPipeline;
    if (!this.options.vault.available) return null;
    const found = await this.options.vault.revealBound(
      await this.secretKey(environment, name),
      await this.secretBinding(environment, name),
    );
    return found.status === 'ok' ? found.secret : null;
  }

  /**
   * The pipeline's FERRY_PARAM_<ENV>_<NAME> for the parameter, unless another environment's
   * parameter has the same variable: with environments prod and prod-eu, FERRY_PARAM_PROD_EU_TOKEN
   * is prod-eu's token and prod's eu_token alike, and a teammate who declared eu_token in prod's
   * file would have prod-eu's secret sent to prod. Such a variable is used for neither.
   */
  private async pipelineSecret(environment: string, name: string): Promise<string | null> {
    const variable = secretParameterVariable(environment, name);
    const given = this.options.env[variable];
    if (given === undefined || given === '') return null;
    for (const config of await this.options.environments.configs()) {
      if (config.name === environment || !variable.startsWith(secretParameterVariable(config.name, '')))
        continue;
      let other: ParametersFile;
      try {
        other = await this.file(config.name);
      } catch {
        return null; // which parameters it declares cannot be told, so neither may use the variable
      }
      if (
        Object.keys(other.parameters).some((item) => secretParameterVariable(config.name, item) === variable)
      )
        return null;
    }
    return given;
  }

  private async hasSecret(environment: string, name: string): Promise<boolean> {
    if ((await this.pipelineSecret(environment, name)) !== null) return true;
    if (!this.options.vault.available) return false;
    const binding = await this.options.vault.binding(await this.secretKey(environment, name));
    return binding !== null && binding !== 'unbound';
  }

  private async secretKey(environment: string, name: string): Promise<string> {
    return `${await this.options.workspace.workspaceKey()}/parameters/${environment}/${name}`;
  }

  /** Sealed with where it may be used, so the entry cannot be moved to another environment's name. */
  private async secretBinding(environment: string, name: string): Promise<Binding> {
    return { workspace: await this.options.workspace.workspaceKey(), environment, parameter: name };
  }

  private async write(environment: string, file: ParametersFile, message: string): Promise<void> {
    const checked = parametersFileSchema.parse(file);
    const relative = parametersFilePath(environment);
    const dir = this.options.workspace.requirePath();
    const path = join(dir, relative);
    await this.options.workspace.writeLock.run(async () => {
      await refuseSymlinksInsideWorkspace(path);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(sortedFile(checked), null, 2)}\n`);
      await commitFiles(
        dir,
        [relative],
        message,
        this.options.workspace.author(),
        this.options.workspace.now(),
      );
    });
  }
}

/** Keys in a stable order, so two people setting different parameters merge without a conflict. */
function sortedFile(file: ParametersFile): ParametersFile {
  const sort = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    formatVersion: file.formatVersion,
    parameters: sort(file.parameters),
    mappings: sort(
      Object.fromEntries(Object.entries(file.mappings).map(([type, names]) => [type, sort(names)])),
    ),
  };
}
