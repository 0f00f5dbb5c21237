/**
 * Package verification, the report for the wire: the checks in order, what the package says, who
 * signed. Apart because the caller assembles it from whichever steps ran (a package that cannot
 * be read has no inspection), after both pure steps are done.
 */
import type { PackageCheck, PackageReport } from '../../model/package-wire';
import { audioWrittenBy } from '../package-audio';
import type { InspectResult } from './verify-types';

export function assembleReport(input: {
  checks: readonly PackageCheck[];
  inspected: InspectResult | null;
  alreadyImported: boolean;
  alreadyApplied: string[];
}): PackageReport {
  const facts = input.inspected?.facts;
  const predicate = facts?.statement?.predicate;
  const audio = facts?.changeset
    ? [...audioWrittenBy(facts.changeset).values()].flatMap((uses) => uses.slice(0, 1))
    : [];
  return {
    ok: input.checks.length > 0 && input.checks.every((check) => check.passed),
    summary: {
      changesetId: facts?.changeset?.id ?? predicate?.changeId ?? null,
      title: facts?.changeset?.title ?? predicate?.title ?? null,
      changesetDigest: facts?.changesetDigest ?? null,
      operations: facts?.changeset?.operations.length ?? null,
      sourceEnvironment: predicate?.sourceEnvironment ?? null,
      sourceCommit: predicate?.sourceSnapshotCommit ?? null,
      targetEnvironments: predicate?.targetEnvironments ?? [],
      createdAt: predicate?.createdAt ?? null,
      expiresAt: predicate?.expiresAt ?? null,
      ...(predicate?.parameters === undefined ? {} : { parameters: predicate.parameters }),
      ...(predicate?.mappings === undefined || predicate.mappings.length === 0
        ? {}
        : { mappings: predicate.mappings }),
      ...(audio.length === 0
        ? {}
        : { audio: audio.map((use) => ({ ...use.descriptor, writtenBy: use.where })) }),
    },
    signers: input.inspected?.signers ?? [],
    checks: [...input.checks],
    alreadyImported: input.alreadyImported,
    alreadyApplied: input.alreadyApplied,
  };
}
