import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import type { AuditHead } from '../../../shared/signing/audit-head';
import { encodeBase64 } from '../../../shared/signing/base64';
import {
  buildEnvelope,
  IN_TOTO_PAYLOAD_TYPE,
  type DsseEnvelope,
} from '../../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../../shared/signing/in-toto-statement';
import { preAuthEncoding } from '../../../shared/signing/pae';
import {
  chainHash,
  RUN_JOURNAL_ENTRY_PAYLOAD_TYPE,
  RUN_PLAN_PREDICATE_TYPE,
  RUN_RESULT_PREDICATE_TYPE,
  runFileSubjectName,
  type RunPlanPredicate,
  type RunPlanStatement,
  type RunResultPredicate,
  type RunResultStatement,
} from '../../../shared/signing/run-statement';
import { sha256Hex } from '../../../shared/model/canonical/sha256';

/** This machine's signing key as the engine needs it (KeyService is one). */
export interface RunKey {
  keyId(): Promise<string>;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** What a host gives the engine so that every run it writes is signed. */
export interface RunSigning {
  key: RunKey;
  /** The signer's audit chain head, anchored in the plan and result statements. */
  auditHead?: (keyId: string) => Promise<AuditHead | null>;
}

const encoder = new TextEncoder();

/**
 * Signs one run's files with one key, resolved once when the run starts: the plan statement, each
 * journal line and the result statement. See shared/signing/run-statement.ts for the format.
 */
export class RunSigner {
  private constructor(
    private readonly signing: RunSigning,
    readonly keyId: string,
  ) {}

  static async open(signing: RunSigning): Promise<RunSigner> {
    return new RunSigner(signing, await signing.key.keyId());
  }

  private auditHead(): Promise<AuditHead | null> {
    return this.signing.auditHead?.(this.keyId) ?? Promise.resolve(null);
  }

  /** The envelope for `plan.json` (whose exact bytes are given) and the anchor the journal chains to. */
  async signPlan(
    planBytes: Uint8Array,
    predicate: Omit<RunPlanPredicate, 'promoter' | 'auditHead'>,
  ): Promise<{ envelope: DsseEnvelope; anchor: string }> {
    const statement: RunPlanStatement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: [
        { name: runFileSubjectName(predicate.runId, 'plan.json'), digest: { sha256: sha256Hex(planBytes) } },
      ],
      predicateType: RUN_PLAN_PREDICATE_TYPE,
      predicate: { ...predicate, promoter: { keyId: this.keyId }, auditHead: await this.auditHead() },
    };
    const payload = encoder.encode(stableStringify(statement));
    return { envelope: await this.envelope(payload), anchor: chainHash(payload) };
  }

  async signResult(
    resultBytes: Uint8Array,
    predicate: Omit<RunResultPredicate, 'signer' | 'auditHead'>,
  ): Promise<DsseEnvelope> {
    const statement: RunResultStatement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: [
        {
          name: runFileSubjectName(predicate.runId, 'result.json'),
          digest: { sha256: sha256Hex(resultBytes) },
        },
      ],
      predicateType: RUN_RESULT_PREDICATE_TYPE,
      predicate: { ...predicate, signer: { keyId: this.keyId }, auditHead: await this.auditHead() },
    };
    return this.envelope(encoder.encode(stableStringify(statement)));
  }

  /** One journal line (without its newline): the entry, `keyId`, `prev`, and `sig` over the rest. */
  async signLine(entry: object, prev: string): Promise<string> {
    // Through JSON first, so what is signed is exactly what a reader will parse back.
    const unsigned = JSON.parse(JSON.stringify({ ...entry, keyId: this.keyId, prev })) as JsonObject;
    const sig = await this.signing.key.sign(journalLineSignedBytes(unsigned));
    return JSON.stringify({ ...unsigned, sig: encodeBase64(sig) });
  }

  private async envelope(payload: Uint8Array): Promise<DsseEnvelope> {
    const sig = await this.signing.key.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
    return buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [{ keyid: this.keyId, sig }]);
  }
}

/** What a journal line's `sig` signs: its canonical form without `sig`, bound to its own payload type. */
export function journalLineSignedBytes(unsigned: JsonObject): Uint8Array {
  return preAuthEncoding(RUN_JOURNAL_ENTRY_PAYLOAD_TYPE, encoder.encode(stableStringify(unsigned)));
}

/** The hash the next line's `prev` names: of the line's exact bytes, without its newline. */
export function journalLineHash(line: string): string {
  return chainHash(encoder.encode(line));
}
