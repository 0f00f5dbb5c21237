import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { PackageImport, PackageReport } from '../../../../shared/model/package-wire';
import { describeDeclared, describeNeeds } from '../../../../shared/packages/package-parameters';
import { referenceTypeLabel } from '../../../../shared/model/object-types/unmanaged-reference-types';
import { writeFileAtomic } from '../../../services/fs/atomic-write';
import { PackageService } from '../../../services/packages/package-service';
import { flagText, type CommandFlags, type CommandResult } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';
import type { IdentityCommandSpec } from './identity-commands';

export const packageUsage = [
  'ferry package export <changeset> --to <env,…> [-o <file>] [--source <env>] [--expires-in <days>]',
  'ferry package verify <file> [--target <env>]   (exit 1 with one line per failed check)',
  'ferry package import <file> [--target <env>]',
  'ferry package extract <file> --out <dir>      (envelopes and artifacts as files, for cosign)',
].join('\n       ');

function one(positionals: string[], what: string): string {
  const [value, ...extra] = positionals;
  if (!value || extra.length > 0) throw new UsageError(`${what} is needed\nusage: ${packageUsage}`);
  return value;
}

function targetOption(flags: CommandFlags): { target?: string } {
  const target = flagText(flags, 'target');
  return target !== undefined ? { target } : {};
}

function shortKey(keyId: string): string {
  return keyId.slice(0, 16);
}

/** The failed checks, one line each: what `package verify` prints when a package is refused. */
export function failedLines(report: PackageReport): string[] {
  return report.checks.filter((check) => !check.passed).map((check) => `✗ ${check.check}: ${check.detail}`);
}

/** Who signed, who approved, what changes, and how many checks passed. */
export function describeReport(report: PackageReport): string {
  if (!report.ok) return failedLines(report).join('\n');
  const { summary } = report;
  const lines = [
    `✓ package ${summary.changesetId ?? '?'} "${summary.title ?? ''}" verified: ${report.checks.length} checks passed`,
    `  changeset ${summary.changesetDigest ?? '?'}, ${summary.operations ?? 0} operation${summary.operations === 1 ? '' : 's'}` +
      `${summary.sourceEnvironment ? ` built against ${summary.sourceEnvironment}${summary.sourceCommit ? `@${summary.sourceCommit.slice(0, 12)}` : ''}` : ''}` +
      ` for ${summary.targetEnvironments.join(', ')}`,
  ];
  for (const signer of report.signers) {
    lines.push(
      signer.role === 'author'
        ? `  signed by ${signer.owner ?? 'unknown'} (key ${shortKey(signer.keyId)}) at ${signer.at ?? '?'}; expires ${summary.expiresAt ?? '?'}`
        : `  ${signer.decision ?? 'decided'} by ${signer.owner ?? 'unknown'} (key ${shortKey(signer.keyId)}) at ${signer.at ?? '?'}${signer.comment ? `: ${JSON.stringify(signer.comment)}` : ''}`,
    );
  }
  // Names and types only: the package carries no values, and each target has its own.
  if (summary.parameters !== undefined && summary.parameters.length > 0)
    lines.push(`  parameters each target supplies: ${describeDeclared(summary.parameters)}`);
  for (const mapping of summary.mappings ?? []) {
    lines.push(
      `  relies on mapping ${referenceTypeLabel(mapping.type)} ${mapping.names.map((name) => `"${name}"`).join(', ')} (mapped where it was made)`,
    );
  }
  if (report.alreadyImported) lines.push('  already in this workspace with the same digest');
  return lines.join('\n');
}

/** What the import did, then what each environment here still needs before it can be planned there. */
export function describeImport(imported: PackageImport, file: string): string {
  const lines = [
    imported.changed
      ? `Imported changeset ${imported.changesetId} (${imported.report.summary.changesetDigest ?? ''}) with ${imported.approvalsImported} approval${imported.approvalsImported === 1 ? '' : 's'} from ${basename(file)}`
      : `Changeset ${imported.changesetId} and its approvals are already here; nothing changed`,
  ];
  const audio = imported.report.summary.audio ?? [];
  if (audio.length > 0) {
    lines.push(
      `prompt audio: ${audio.length} file${audio.length === 1 ? '' : 's'}, hash-checked; ${imported.audioImported ?? 0} written to changesets/${imported.changesetId}.audio/`,
    );
  }
  const parameters = imported.report.summary.parameters ?? [];
  if (parameters.length > 0) lines.push(`parameters each target supplies: ${describeDeclared(parameters)}`);
  for (const needs of imported.needs) {
    const said = describeNeeds(needs);
    lines.push(...(said.length > 0 ? said : [`${needs.environment} has every parameter it needs`]));
  }
  return lines.join('\n');
}

export const packageCommands: Record<string, IdentityCommandSpec> = {
  package: {
    usage: packageUsage,
    summary: 'export, verify, import or take apart a signed change package',
    options: {
      to: { type: 'string' },
      output: { type: 'string', short: 'o' },
      source: { type: 'string' },
      'expires-in': { type: 'string' },
      target: { type: 'string' },
      out: { type: 'string' },
    },
    run: async (positionals, flags, global, io): Promise<CommandResult> => {
      const [action, ...rest] = positionals;
      switch (action) {
        case 'export': {
          const id = one(rest, 'a changeset id');
          const to = flagText(flags, 'to');
          if (!to) throw new UsageError(`package export needs --to <env,…>\nusage: ${packageUsage}`);
          const targets = to
            .split(',')
            .map((target) => target.trim())
            .filter((target) => target !== '');
          const expiresText = flagText(flags, 'expires-in');
          const expiresInDays = expiresText === undefined ? undefined : Number(expiresText);
          if (
            expiresInDays !== undefined &&
            (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 365)
          ) {
            throw new UsageError(
              `--expires-in is a whole number of days from 1 to 365, not "${expiresText}"`,
            );
          }
          const source = flagText(flags, 'source');
          const services = await openWorkspaceServices(global, io);
          const exported = await new PackageService(services).export({
            changesetId: id,
            targets,
            ...(source !== undefined ? { source } : {}),
            ...(expiresInDays !== undefined ? { expiresInDays } : {}),
          });
          const file = resolve(io.cwd, flagText(flags, 'output') ?? exported.fileName);
          await writeFileAtomic(file, exported.text);
          const { report } = exported;
          return {
            data: { file, fileName: exported.fileName, report },
            human: report.ok
              ? `Wrote ${file}\n${describeReport(report)}`
              : [`Wrote ${file}, but it would not verify in this workspace:`, ...failedLines(report)].join(
                  '\n',
                ),
            exitCode: report.ok ? 0 : 1,
          };
        }
        case 'verify': {
          const file = resolve(io.cwd, one(rest, 'a package file'));
          const services = await openWorkspaceServices(global, io);
          const report = await new PackageService(services).verifyFile(file, targetOption(flags));
          return { data: report, human: describeReport(report), exitCode: report.ok ? 0 : 1 };
        }
        case 'import': {
          const file = resolve(io.cwd, one(rest, 'a package file'));
          const services = await openWorkspaceServices(global, io);
          const imported = await new PackageService(services).importFile(file, targetOption(flags));
          return {
            data: imported,
            human: describeImport(imported, file),
          };
        }
        case 'extract': {
          const file = resolve(io.cwd, one(rest, 'a package file'));
          const out = flagText(flags, 'out');
          if (!out) throw new UsageError(`package extract needs --out <dir>\nusage: ${packageUsage}`);
          const services = await openWorkspaceServices(global, io);
          const { files, report } = await new PackageService(services).extractFile(file);
          const dir = resolve(io.cwd, out);
          await mkdir(dir, { recursive: true });
          const written: string[] = [];
          for (const entry of files) {
            // Names were held to plain file names when the package was read; checked again here.
            if (basename(entry.name) !== entry.name || entry.name.startsWith('.')) {
              throw new UsageError(`refusing to write "${entry.name}": not a plain file name`);
            }
            await writeFileAtomic(join(dir, entry.name), entry.bytes);
            written.push(join(dir, entry.name));
          }
          return {
            data: { dir, files: written, report },
            human: [
              `Wrote ${written.length} files to ${dir}:`,
              ...written.map((path) => `  ${basename(path)}`),
            ].join('\n'),
          };
        }
        default:
          throw new UsageError(`unknown package action "${action ?? ''}"\nusage: ${packageUsage}`);
      }
    },
  },
};
