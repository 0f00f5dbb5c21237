import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from '../../../electron/host/cli/cli-io';
import { runCli } from '../../../electron/host/cli/ferry-cli';
import { AUDIT_HEAD_PINS_FILE } from '../../../electron/services/audit/audit-head-pins';
import type { AuditHead } from '../../../shared/signing/audit-head';
import { buildEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../../shared/signing/in-toto-statement';
import { preAuthEncoding } from '../../../shared/signing/pae';
import { commitAsTeammate } from '../../support/teammate';
import { machine, PASSPHRASE, teamWorkspace, type Machine } from '../identity/identity-fixture';

/** A workspace where Ada's key has recorded three actions, one commit each. */
export async function adaWithThreeEntries(prefix: string) {
  const team = await teamWorkspace(prefix);
  const { ada, workspace } = team;
  const keyId = (await ada.identity.keys.init({ owner: 'Ada' })).keyId;
  for (const subject of ['changeset/a', 'changeset/b', 'run/1']) {
    await ada.identity.audit.append(keyId, { action: 'approve', subject });
    team.clock.advance(1000);
  }
  const file = `audit/${keyId}.jsonl`;
  const path = join(workspace, file);
  const lines = async () => (await readFile(path, 'utf8')).trimEnd().split('\n');
  return { ...team, keyId, file, path, lines };
}

/**
 * A DSSE envelope signed by `signer`'s own key whose payload carries `auditHead`: inside an
 * in-toto statement's predicate (as approvals, author statements and runs do) or at the top level
 * (as trust root versions do). Made here by hand, so the test depends on no document kind's code.
 */
export async function signedDocumentWithHead(
  signer: Machine,
  auditHead: AuditHead,
  shape: 'statement' | 'top-level',
  options: { keyid?: string } = {},
): Promise<string> {
  const document =
    shape === 'statement'
      ? {
          _type: IN_TOTO_STATEMENT_TYPE,
          subject: [{ name: 'changesets/x.json', digest: { sha256: 'ab'.repeat(32) } }],
          predicateType: 'https://ferry.dev/approval/v1',
          predicate: { changesetId: 'x', decision: 'approved', auditHead },
        }
      : { runId: 'r1', status: 'succeeded', auditHead };
  const payload = new TextEncoder().encode(JSON.stringify(document));
  const payloadType = shape === 'statement' ? IN_TOTO_PAYLOAD_TYPE : 'application/vnd.ferry.run-result+json';
  const sig = await signer.identity.keys.sign(preAuthEncoding(payloadType, payload));
  const keyid = options.keyid ?? (await signer.identity.keys.keyId());
  return `${JSON.stringify(buildEnvelope(payloadType, payload, [{ keyid, sig }]), null, 2)}\n`;
}

export async function writeAndCommit(workspace: string, file: string, text: string, message: string) {
  await writeFile(join(workspace, file), text);
  commitAsTeammate(workspace, message);
}

/**
 * The same key on another machine of its owner (its data folder restored from a backup taken
 * before any audit head was pinned): it can check signatures with the key but has no pin.
 */
export async function sameKeyWithoutPin(
  root: string,
  from: Machine,
  workspace: string,
  clock: Parameters<typeof machine>[3],
): Promise<Machine> {
  const name = `${from.name}-laptop`;
  const dataDir = join(root, `data-${name.toLowerCase()}`);
  await cp(from.dataDir, dataDir, { recursive: true });
  await rm(join(dataDir, AUDIT_HEAD_PINS_FILE), { force: true });
  return machine(root, name, workspace, clock);
}

/** `ferry audit verify` as a person runs it, with this machine's data folder. */
export async function cliAuditVerify(workspace: string, dataDir: string, json = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: workspace,
    env: { FERRY_DATA_DIR: dataDir, FERRY_VAULT_PASSPHRASE: PASSPHRASE },
    readStdin: async () => '',
  };
  const code = await runCli(['audit', 'verify', '--workspace', workspace, ...(json ? ['--json'] : [])], io);
  return { code, stdout, stderr };
}
