import { firstSchemaIssue } from '../../errors/schema-issues';
/**
 * Package verification, the artifacts against the author's signed subjects: each name once, none
 * missing, none unsigned, each hashing to what was signed, and the changeset artifact a canonical
 * changeset that is the one the statement names. Apart because it concerns the package's files,
 * not its signatures, and it yields the changeset and digest the approvals are then bound to.
 */
import { changesetSchema, type Changeset } from '../../model/changeset';
import { changesetDigest } from '../../model/changeset-digest';
import type { PackageCheck } from '../../model/package-wire';
import { parseStrictJson } from '../../signing/strict-json';
import { CHANGESET_ARTIFACT, REQUIRED_ARTIFACTS, type PackageStatement } from '../package-format';
import type { OpenedPackage } from '../read-package';
import { fail, pass } from './check-result';

export interface ArtifactResult {
  checks: PackageCheck[];
  /** The packaged changeset, when its artifact is present and sound. */
  changeset: Changeset | null;
  /** `sha256:<hex>` of the changeset artifact's bytes, when there is one. */
  digest: string | null;
}

export function checkArtifacts(opened: OpenedPackage, statement: PackageStatement): ArtifactResult {
  const checks: PackageCheck[] = [];
  let changeset: Changeset | null = null;
  let digest: string | null = null;
  const artifactNames = opened.artifacts.map((artifact) => artifact.name);
  const subjectNames = statement.subject.map((subject) => subject.name);
  const repeated = [
    ...duplicates(artifactNames).map((name) => `artifact ${name}`),
    ...duplicates(subjectNames).map((name) => `subject ${name}`),
  ];
  checks.push(
    repeated.length === 0
      ? pass('artifacts-unique', 'each artifact and each subject name appears once')
      : fail(
          'artifacts-unique',
          `${repeated.join(', ')} appears more than once: which copy was signed is ambiguous`,
        ),
  );
  const missing = [
    ...subjectNames.filter((name) => !artifactNames.includes(name)),
    ...REQUIRED_ARTIFACTS.filter((name) => !subjectNames.includes(name) && !artifactNames.includes(name)),
  ];
  checks.push(
    missing.length === 0
      ? pass('artifacts-present', `every signed subject is in the package (${subjectNames.join(', ')})`)
      : fail(
          'artifacts-present',
          `the package lacks ${[...new Set(missing)].join(', ')}, which the author's statement signs or a package needs`,
        ),
  );
  const unsigned = artifactNames.filter((name) => !subjectNames.includes(name));
  checks.push(
    unsigned.length === 0
      ? pass('artifacts-signed', "every artifact is a subject of the author's statement")
      : fail(
          'artifacts-signed',
          `${unsigned.join(', ')} ${unsigned.length === 1 ? 'is' : 'are'} in the package but not signed by the author (extra)`,
        ),
  );
  for (const artifact of opened.artifacts) {
    const subject = statement.subject.find((candidate) => candidate.name === artifact.name);
    if (!subject) continue;
    const signedDigest = subject.digest.sha256 ?? '';
    checks.push(
      signedDigest === artifact.sha256
        ? pass(`artifact:${artifact.name}`, `sha256 ${artifact.sha256} as signed`)
        : fail(
            `artifact:${artifact.name}`,
            `its sha256 is ${artifact.sha256}, but the author signed ${signedDigest}: the artifact was altered`,
          ),
    );
  }
  const changesetArtifact = opened.artifacts.find((artifact) => artifact.name === CHANGESET_ARTIFACT);
  if (changesetArtifact) {
    const result = readChangeset(changesetArtifact.bytes, changesetArtifact.sha256, statement);
    checks.push(result.check);
    changeset = result.changeset;
    digest = `sha256:${changesetArtifact.sha256}`;
  }
  return { checks, changeset, digest };
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

function readChangeset(
  bytes: Uint8Array,
  sha256: string,
  statement: PackageStatement,
): { check: PackageCheck; changeset: Changeset | null } {
  let raw: unknown;
  try {
    raw = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      ),
      changeset: null,
    };
  }
  const parsed = changesetSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is not a valid changeset: ${firstSchemaIssue(parsed.error)}`,
      ),
      changeset: null,
    };
  }
  const changeset = parsed.data;
  if (changesetDigest(changeset) !== `sha256:${sha256}`) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is not in canonical form: its bytes hash to ${sha256}, the changeset they hold to ${changesetDigest(changeset).slice(7)}`,
      ),
      changeset: null,
    };
  }
  if (changeset.id !== statement.predicate.changeId || changeset.title !== statement.predicate.title) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is changeset "${changeset.id}" ("${changeset.title}"), but the statement says "${statement.predicate.changeId}" ("${statement.predicate.title}")`,
      ),
      changeset: null,
    };
  }
  return {
    check: pass(
      'changeset',
      `changeset ${changeset.id}, ${changeset.operations.length} operation${changeset.operations.length === 1 ? '' : 's'}, digest sha256:${sha256}`,
    ),
    changeset,
  };
}
