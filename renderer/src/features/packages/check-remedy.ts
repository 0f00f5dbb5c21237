import type { PackageCheck, PackageReport, PackageSigner } from '../../../../shared/model/package-wire';

/** What a person can do about one failed check. */
export type CheckRemedy =
  | {
      kind: 'trust-key';
      /** The key's fingerprint (its key id), to compare with its owner before trusting it. */
      fingerprint: string;
      owner: string | null;
      role: PackageSigner['role'];
      text: string;
    }
  | { kind: 'text'; text: string };

/** Where the report is read: exporting our own package, or checking one someone sent. */
export type ReportContext = 'export' | 'import';

/** `author-trusted` → the author; `approval-2-role` → the second approver. */
function signerOf(check: string, signers: readonly PackageSigner[]): PackageSigner | null {
  if (check.startsWith('author-')) return signers.find((signer) => signer.role === 'author') ?? null;
  const match = /^approval-(\d+)-/.exec(check);
  if (!match) return null;
  return signers.filter((signer) => signer.role === 'approver')[Number(match[1]) - 1] ?? null;
}

function newPackage(context: ReportContext): string {
  return context === 'export' ? 'export it again' : 'ask the sender for a new package';
}

/** One failed check's way out, in a sentence; an untrusted key gets "trust this key" and how. */
export function checkRemedy(check: PackageCheck, report: PackageReport, context: ReportContext): CheckRemedy {
  const name = check.check;
  const signer = signerOf(name, report.signers);
  if (/-(trusted|keyid)$/.test(name) && signer !== null && signer.keyId !== '') {
    const who = signer.owner ?? `the ${signer.role === 'author' ? 'author' : 'approver'}`;
    const role = signer.role === 'author' ? 'author' : 'approver';
    return {
      kind: 'trust-key',
      fingerprint: signer.keyId,
      owner: signer.owner,
      role: signer.role,
      text: `Compare this fingerprint with ${who}, over a channel you trust. If it matches, add their public key as ${role} on the Trust page, or run \`ferry trust add <public-key-file> --name <name> --roles ${role}\`; then verify again.`,
    };
  }
  if (name.endsWith('-role')) {
    return {
      kind: 'text',
      text: 'The key is trusted, but not for this role: an admin can give it the role on the Trust page; then verify again.',
    };
  }
  if (name.endsWith('-key-validity')) {
    return {
      kind: 'text',
      text: `The key was revoked, expired or not yet valid when it signed: the signer must sign again with a current key, then ${newPackage(context)}.`,
    };
  }
  if (name.endsWith('-self-approval')) {
    return {
      kind: 'text',
      text: `The target does not allow approving your own change: someone else must approve the changeset, then ${newPackage(context)}.`,
    };
  }
  if (/^approval-\d+-(binding|decision|time|identity)$/.test(name) || name === 'approvals-distinct') {
    return {
      kind: 'text',
      text: `This approval does not count for this version of the changeset: it must be approved again, then ${newPackage(context)}.`,
    };
  }
  if (name.startsWith('target:')) {
    const environment = name.slice('target:'.length);
    return {
      kind: 'text',
      text: `Add ${environment} in Environments (its policy comes from the signed trust root), or choose a target environment this workspace has; then verify again.`,
    };
  }
  if (name.startsWith('package-age:')) {
    return { kind: 'text', text: `The package is older than the target accepts: ${newPackage(context)}.` };
  }
  if (name.startsWith('base-snapshot:')) {
    const environment = name.slice('base-snapshot:'.length);
    return {
      kind: 'text',
      text: `${environment} has changed since the changeset was made: snapshot and compare it, then rebuild the changeset before promoting it there.`,
    };
  }
  if (name.startsWith('approvals:')) {
    const environment = name.slice('approvals:'.length);
    return {
      kind: 'text',
      text:
        context === 'export'
          ? `Ask another trusted approver to approve the changeset (Changesets → Approve), then export again; ${environment}'s policy counts the approvals.`
          : `${environment} needs more approvals than the package carries: ask the sender to collect them and send a new package.`,
    };
  }
  if (name === 'expires-at' || name === 'created-at') {
    return { kind: 'text', text: `The package is outside its valid time: ${newPackage(context)}.` };
  }
  if (name === 'target-environment') {
    return {
      kind: 'text',
      text: 'Choose one of the environments the package is for as the target, or ask for a package made for this one.',
    };
  }
  if (name.startsWith('not-applied:')) {
    return {
      kind: 'text',
      text: 'A run here already applied this changeset: there is nothing to import for that environment.',
    };
  }
  if (name === 'parameters') {
    return {
      kind: 'text',
      text:
        context === 'export'
          ? 'The parameters the package declares are not those its changeset uses: export it again with this Ferry.'
          : 'The package does not list every parameter its changeset uses, so a reviewer could not see them all: ask the sender to export it again with a current Ferry.',
    };
  }
  if (name === 'workspace-changeset') {
    return {
      kind: 'text',
      text: 'A different changeset with the same id is already in this workspace: rename or remove one before importing.',
    };
  }
  // Digests, signatures, statements, the file's shape: what was signed is not what arrived.
  return {
    kind: 'text',
    text:
      context === 'export'
        ? 'The package Ferry built does not check out: export it again; if this stays, report it with the check named.'
        : 'The file is not what its signer made: do not use it; ask the sender for a new package.',
  };
}

/** Failed checks first (in the order they ran), then the passed ones. */
export function orderChecks(checks: readonly PackageCheck[]): {
  failed: PackageCheck[];
  passed: PackageCheck[];
} {
  return {
    failed: checks.filter((check) => !check.passed),
    passed: checks.filter((check) => check.passed),
  };
}
