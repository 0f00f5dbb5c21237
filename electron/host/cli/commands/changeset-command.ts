import type { JsonValue } from '../../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../../shared/model/changeset';
import { operationsBetween } from '../../../../shared/model/changeset-operations';
import type { FerryServices } from '../../../services/app/ferry-services';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

export const changesetUsage = [
  'ferry changeset new --title <t> [--description <d>] [--ticket <t>]',
  'ferry changeset from-diff <a> <b> --title <t> [--select <type>/<key> …]',
  'ferry changeset show <id> | list',
].join('\n       ');

export const changesetOptions = {
  title: { type: 'string' },
  description: { type: 'string' },
  ticket: { type: 'string' },
  select: { type: 'string', multiple: true },
} as const;

export async function runChangeset(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, ...rest] = positionals;
  const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
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
      const operations = await operationsFromDiff(services, a, b, selected);
      const created = await services.changesets.create({
        title,
        ...(text('description') ? { description: text('description') } : {}),
        ...(text('ticket') ? { ticket: text('ticket') } : {}),
        origin: `diff ${a} → ${b}`,
        operations,
      });
      return {
        data: created,
        human: `Created ${created.file} with ${operations.length} operations (${created.digest})`,
      };
    }
    default:
      throw new UsageError(`unknown changeset action "${action ?? ''}"\nusage: ${changesetUsage}`);
  }
}

/** The operations that turn side a into side b, for every difference or only the selected `type/key`s. */
async function operationsFromDiff(
  services: FerryServices,
  a: string,
  b: string,
  selected: string[],
): Promise<ChangesetOperation[]> {
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
  // The compare above keeps its sides, so reading the objects does not pull a live org again.
  const parse = (text: string | null): JsonValue | undefined =>
    text === null ? undefined : (JSON.parse(text) as JsonValue);
  const operations: ChangesetOperation[] = [];
  for (const object of picked) {
    const texts = await services.compare.objectTexts(a, b, object.type, object.key, object.previousKey);
    const from = parse(texts.before);
    const to = parse(texts.after);
    if (object.status === 'renamed' && object.previousKey !== undefined) {
      operations.push(...operationsBetween(object.type, object.previousKey, from, undefined));
      operations.push(...operationsBetween(object.type, object.key, undefined, to));
    } else {
      operations.push(...operationsBetween(object.type, object.key, from, to));
    }
  }
  return operations;
}
