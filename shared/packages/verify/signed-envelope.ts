import { firstSchemaIssue } from '../../errors/schema-issues';
/**
 * Package verification, reading one signed envelope: its payload type, which trusted key signed it
 * (and whether its stated keyid tells the truth), and the in-toto statement inside. Apart because
 * the author's envelope and every approval's go through the same reading, and nothing in it knows
 * what the statement says.
 */
import type { z } from 'zod';
import { findSigner, readSignedJson } from '../../approvals/approval-checks';
import type { PackageCheck } from '../../model/package-wire';
import type { TrustedKey } from '../../model/trust';
import { IN_TOTO_PAYLOAD_TYPE } from '../../signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../signing/in-toto-statement';
import type { OpenedEnvelope } from '../read-package';
import { fail, pass, shortKey, who } from './check-result';
import type { InspectContext } from './verify-types';

export interface EnvelopeResult {
  checks: PackageCheck[];
  signer: TrustedKey | null;
  /** The stated key id of the signature that verified, else the first stated one. */
  keyId: string | null;
}

/**
 * Who signed an envelope. Trust is decided by trying the trusted keys against the PAE of the
 * payload, never by the envelope's `keyid`, which is unsigned: that only orders the attempts, and
 * a keyid that names another key than the one that signed is reported as spoofed.
 */
export function checkEnvelope(
  prefix: string,
  envelope: OpenedEnvelope,
  context: InspectContext,
): EnvelopeResult {
  const checks: PackageCheck[] = [];
  checks.push(
    envelope.payloadType === IN_TOTO_PAYLOAD_TYPE
      ? pass(`${prefix}-payload-type`, IN_TOTO_PAYLOAD_TYPE)
      : fail(
          `${prefix}-payload-type`,
          `payloadType is ${JSON.stringify(envelope.payloadType.slice(0, 100))}, not ${IN_TOTO_PAYLOAD_TYPE}`,
        ),
  );
  const hints = envelope.signatures.flatMap((signature) => (signature.keyid ? [signature.keyid] : []));
  const found = findSigner(envelope, context.trusted, context.verify, hints);
  const signer = found.signer;
  if (signer) {
    const statedKeyId = found.statedKeyId;
    checks.push(pass(`${prefix}-trusted`, `signed by ${who(signer)}, which the trust root holds`));
    checks.push(
      pass(`${prefix}-signature`, `the signature over the payload and its type verifies with ${who(signer)}`),
    );
    checks.push(
      statedKeyId === null || statedKeyId === signer.keyId
        ? pass(
            `${prefix}-keyid`,
            statedKeyId === null
              ? 'no keyid given; the key was found by trying the trusted keys'
              : 'the keyid names the key that signed (recomputed from the trusted public key)',
          )
        : fail(
            `${prefix}-keyid`,
            `the envelope's keyid says ${shortKey(statedKeyId)}${nameOf(statedKeyId, context.trusted)}, but the signature is by ${who(signer)}: the keyid is spoofed`,
          ),
    );
    return { checks, signer, keyId: signer.keyId };
  }
  const named = found.named;
  if (named) {
    checks.push(pass(`${prefix}-trusted`, `the keyid names ${who(named)}, which the trust root holds`));
    checks.push(
      fail(
        `${prefix}-signature`,
        `the signature does not verify with ${who(named)} that the envelope's keyid names: the payload or payloadType was changed after signing, or another key signed it under that keyid`,
      ),
    );
    return { checks, signer: null, keyId: named.keyId };
  }
  checks.push(
    fail(
      `${prefix}-trusted`,
      `no key in the trust root made this signature; it names key ${hints[0] ? shortKey(hints[0]) : '(none)'}, which the trust root does not hold`,
    ),
  );
  return { checks, signer: null, keyId: hints[0] ?? null };
}

function nameOf(keyId: string, trusted: readonly TrustedKey[]): string {
  const key = trusted.find((candidate) => candidate.keyId === keyId);
  return key ? ` (${key.owner})` : ' (not in the trust root)';
}

/** Reads an in-toto statement out of a payload, one check per thing that can be wrong with it. */
export function checkStatement<S extends z.ZodType>(
  prefix: string,
  payload: Uint8Array,
  predicateType: string,
  schema: S,
): { checks: PackageCheck[]; statement: z.infer<S> | null } {
  const checks: PackageCheck[] = [];
  let raw: unknown;
  try {
    raw = readSignedJson(payload);
  } catch (error) {
    checks.push(
      fail(
        `${prefix}-statement`,
        `the payload is not a JSON statement: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return { checks, statement: null };
  }
  const record =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const type = record._type;
  checks.push(
    type === IN_TOTO_STATEMENT_TYPE
      ? pass(`${prefix}-statement-type`, `_type ${IN_TOTO_STATEMENT_TYPE}`)
      : fail(
          `${prefix}-statement-type`,
          `_type is ${JSON.stringify(type) ?? 'missing'}, not ${IN_TOTO_STATEMENT_TYPE}`,
        ),
  );
  const predicate = record.predicateType;
  checks.push(
    predicate === predicateType
      ? pass(`${prefix}-predicate-type`, `predicateType ${predicateType}`)
      : fail(
          `${prefix}-predicate-type`,
          `predicateType is ${JSON.stringify(predicate) ?? 'missing'}, not ${predicateType}`,
        ),
  );
  if (type !== IN_TOTO_STATEMENT_TYPE || predicate !== predicateType) return { checks, statement: null };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    checks.push(
      fail(
        `${prefix}-statement`,
        `the statement is not as ${predicateType} has it: ${firstSchemaIssue(parsed.error)}`,
      ),
    );
    return { checks, statement: null };
  }
  checks.push(pass(`${prefix}-statement`, 'a well-formed statement'));
  return { checks, statement: parsed.data as z.infer<S> };
}
