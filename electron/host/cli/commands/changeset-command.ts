import { FerryError } from '../../../../shared/api/api-error';
import type {
  ChangesetCheck,
  ComparePick,
  DependencyChoice,
  PicksRequest,
} from '../../../../shared/model/changeset-wire';
import type { FerryServices } from '../../core/ferry-services';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

export const changesetUsage = [
  'ferry changeset new --title <t> [--description <d>] [--ticket <t>]',
  'ferry changeset from-diff <a> <b> --title <t> [--select <type>/<key> …] [--dependencies bring|require]',
  'ferry changeset validate <id> [--target <env>]',
  "ferry changeset show <id> | list | sign <id>   (sign: as its author, with this machine's key)",
].join('\n       ');

export const changesetOptions = {
  title: { type: 'string' },
  description: { type: 'string' },
  ticket: { type: 'string' },
  select: { type: 'string', multiple: true },
  dependencies: { type: 'string' },
  target: { type: 'string' },
} as const;

export async function runChangeset(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, ...rest] = positionals;
  const text = (name: string) => flagText(flags, name);
  const services = await openWorkspaceServices(global, io);
  switch (action) {
    case 'list': {
      const items = await services.changesets.list();
      const lines = items.map((item) =>
        item.problem
          ? `${item.id}  UNUSABLE: ${item.problem}`
          : `${item.id}  ${item.title ?? ''}  (${item.operations} operations, ${item.digest?.slice(0, 19) ?? ''})`,
      );
      return { data: items, human: lines.length > 0 ? lines.join('\n') : 'No changesets yet.' };
    }
    case 'sign': {
      const [id] = rest;
      if (!id || rest.length > 1)
        throw new UsageError(`changeset sign needs one id\nusage: ${changesetUsage}`);
      const signed = await services.identity.authorship.sign(id);
      const names = signed.authorship.authors.map((author) => author.owner).join(', ');
      return {
        data: signed,
        human: `Signed ${id} (${signed.authorship.digest.slice(0, 19)}) as its author: ${signed.file}\nAuthors of this version: ${names || 'none trusted yet (is your key trusted with the author role?)'}`,
      };
    }
    case 'show': {
      const [id] = rest;
      if (!id || rest.length > 1)
        throw new UsageError(`changeset show needs one id\nusage: ${changesetUsage}`);
      const found = await services.changesets.get(id);
      return {
        data: found,
        human: `${found.file}  ${found.digest}\n${JSON.stringify(found.changeset, null, 2)}`,
      };
    }
    case 'new': {
      const title = text('title');
      if (!title) throw new UsageError(`changeset new needs --title\nusage: ${changesetUsage}`);
      const created = await services.changesets.create({
        title,
        ...(text('description') ? { description: text('description') } : {}),
        ...(text('ticket') ? { ticket: text('ticket') } : {}),
      });
      return { data: created, human: `Created ${created.file} (${created.digest})` };
    }
    case 'from-diff': {
      const [a, b, ...extra] = rest;
      const title = text('title');
      if (!a || !b || extra.length > 0 || !title) {
        throw new UsageError(`changeset from-diff needs two sources and --title\nusage: ${changesetUsage}`);
      }
      const selected = Array.isArray(flags.select)
        ? flags.select.filter((item): item is string => typeof item === 'string')
        : [];
      const dependencies = text('dependencies');
      if (dependencies !== undefined && dependencies !== 'bring' && dependencies !== 'require') {
        throw new UsageError(`--dependencies is "bring" or "require", not "${dependencies}"`);
      }
      const picks = await picksFromDiff(services, a, b, selected);
      const request = { a, b, picks, title };
      const resolved = await services.authoring.resolvePicks(request);
      const choices =
        dependencies === undefined
          ? []
          : await decideAll(services, request, dependencies, resolved.missing.length);
      if (dependencies === undefined && resolved.missing.length > 0) {
        throw new FerryError(
          'changeset.missing-dependencies',
          [
            `The picked objects refer to objects ${a} does not have and the changeset does not create:`,
            ...resolved.missing.map(
              (item) =>
                `  ${item.type}/${item.key} (used by ${item.referencedBy
                  .map((user) => `${user.type}/${user.key}`)
                  .join(', ')})${item.available ? '' : `, not in ${b} either`}`,
            ),
            'Pass --dependencies bring to add them to the changeset, or --dependencies require to require them in the target.',
          ].join('\n'),
          { missing: resolved.missing },
        );
      }
      const saved = await services.authoring.addPicks(
        { ...request, choices },
        {
          ...(text('description') ? { description: text('description') } : {}),
          ...(text('ticket') ? { ticket: text('ticket') } : {}),
        },
      );
      const count = saved.changeset.operations.length;
      return {
        data: saved,
        human: `Created ${saved.file} with ${count} operation${count === 1 ? '' : 's'} that turn ${a} into ${b} (${saved.digest})`,
      };
    }
    case 'validate': {
      const [id, ...extra] = rest;
      if (!id || extra.length > 0)
        throw new UsageError(`changeset validate needs one id\nusage: ${changesetUsage}`);
      const target = text('target') ?? null;
      const check = await services.authoring.check({ id }, target);
      return {
        data: { id, ...check },
        human: describeCheck(id, check),
        exitCode: check.valid ? 0 : 1,
      };
    }
    default:
      throw new UsageError(`unknown changeset action "${action ?? ''}"\nusage: ${changesetUsage}`);
  }
}

/** Every difference of a → b, or only the selected `type/key`s, as whole-object picks. */
async function picksFromDiff(
  services: FerryServices,
  a: string,
  b: string,
  selected: string[],
): Promise<ComparePick[]> {
  const outcome = await services.compare.compare(a, b);
  const wanted = new Set(selected);
  const picked = outcome.result.objects.filter(
    (object) => wanted.size === 0 || wanted.has(`${object.type}/${object.key}`),
  );
  const missing = [...wanted].filter(
    (item) => !picked.some((object) => `${object.type}/${object.key}` === item),
  );
  if (missing.length > 0) {
    throw new UsageError(`not among the differences of ${a} → ${b}: ${missing.join(', ')}`);
  }
  return picked.map((object) => ({
    type: object.type,
    key: object.key,
    ...(object.previousKey !== undefined ? { previousKey: object.previousKey } : {}),
  }));
}

/** Every missing dependency gets the same choice; bringing one along may reveal more. */
async function decideAll(
  services: FerryServices,
  request: PicksRequest,
  choice: 'bring' | 'require',
  firstCount: number,
): Promise<DependencyChoice[]> {
  const choices: DependencyChoice[] = [];
  let missing = firstCount > 0 ? (await services.authoring.resolvePicks(request)).missing : [];
  for (let round = 0; missing.length > 0 && round < 100; round += 1) {
    for (const item of missing) {
      choices.push({
        type: item.type,
        key: item.key,
        choice: choice === 'bring' && item.available ? 'bring' : 'require',
      });
    }
    missing = (await services.authoring.resolvePicks({ ...request, choices })).missing;
  }
  return choices;
}

const SEVERITY_MARK = { error: '✗ error  ', warning: '! warning' } as const;

function describeCheck(id: string, check: ChangesetCheck): string {
  const lines = [
    `changeset ${id} (${check.digest.slice(0, 19)})${
      check.target
        ? ` against ${check.target.environment} (${check.target.tier}, snapshot ${check.target.commit.slice(0, 7)})`
        : ' (no target: references are checked only against the changeset itself)'
    }`,
  ];
  for (const finding of check.findings) {
    lines.push(`${SEVERITY_MARK[finding.severity]} ${finding.path}: ${finding.message}`);
    lines.push(`           hint: ${finding.hint}`);
  }
  // One risk: the plan's rules on the snapshot, never the blast radius' own tier-based level.
  const risk = check.risk ?? null;
  if (risk !== null && check.target) {
    lines.push(
      `risk: ${risk.level} (${risk.score} point${risk.score === 1 ? '' : 's'}, judged on the last snapshot of ${check.target.environment}; the plan judges it live, and that decides approvals)`,
    );
    for (const point of risk.points) {
      lines.push(`  ${point.points > 0 ? `+${point.points}` : ' 0'} ${point.rule}: ${point.reason}`);
    }
  }
  if (check.blastRadius) {
    lines.push('blast radius:');
    for (const touched of check.blastRadius.touched) lines.push(`  ${touched.sentence}`);
  }
  const errors = check.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = check.findings.length - errors;
  lines.push(
    check.valid
      ? `valid${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
      : `invalid: ${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
  );
  return lines.join('\n');
}
