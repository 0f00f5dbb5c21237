import { z } from 'zod';
import { declaredMappingSchema, declaredParameterSchema } from '../model/package-wire';
import { keyIdSchema } from '../signing/key-id';
import { statementOf } from '../signing/in-toto-statement';
import { AUDIO_ARTIFACT_NAME, MAX_AUDIO_FILES } from './package-audio';

/**
 * The signed change package (issue #7, DESIGN §5): one JSON file, `<changeset id>.ferrypkg.json`.
 *
 *   {
 *     "mediaType": "application/vnd.ferry.change-package+json;version=1",
 *     "artifacts": [{ "name": "changeset.json", "data": "<base64>" },
 *                   { "name": "change-control.md", "data": "<base64>" },
 *                   { "name": "audio-<sha256>.wav", "data": "<base64>" }, …],
 *     "author":    <DSSE envelope: in-toto Statement v1, predicate https://ferry.dev/change-package/v1>,
 *     "approvals": [<DSSE envelope: in-toto Statement v1, predicate https://ferry.dev/approval/v1>, …]
 *   }
 *
 * Nothing outside the envelopes is believed: artifacts are matched to the author's signed subjects
 * by sha256, and each approval is the approver's own envelope from `changesets/<id>.approvals/`,
 * embedded unchanged, whose signed changeset digest must equal the changeset artifact's sha256.
 */

export const PACKAGE_MEDIA_TYPE = 'application/vnd.ferry.change-package+json;version=1';
export const PACKAGE_MEDIA_TYPE_BASE = 'application/vnd.ferry.change-package+json';
export const PACKAGE_PREDICATE_TYPE = 'https://ferry.dev/change-package/v1';
export const PACKAGE_FILE_SUFFIX = '.ferrypkg.json';

/** Checked before the text is parsed; the channel carries at most this much too. */
export const MAX_PACKAGE_BYTES = 8 * 1024 * 1024;
/**
 * How far a signer's clock may run ahead of ours before a timestamp counts as "in the future":
 * one tolerance for packages and the approvals they carry, stated with the approval checks.
 */
export { CLOCK_SKEW_MS } from '../approvals/approval-checks';
export const DEFAULT_EXPIRY_DAYS = 30;

/** Artifact names never become paths on import; `extract` writes them as plain file names. */
export const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const CHANGESET_ARTIFACT = 'changeset.json';
export const CHANGE_CONTROL_ARTIFACT = 'change-control.md';
export const REQUIRED_ARTIFACTS = [CHANGESET_ARTIFACT, CHANGE_CONTROL_ARTIFACT] as const;
/** Artifacts and subjects: the documents, and the audio files beside them. */
export const MAX_ARTIFACTS = 16 + MAX_AUDIO_FILES;

/**
 * A name an artifact may have: a plain file name, or the one longer form the prompt audio a
 * changeset writes travels under (see package-audio.ts).
 */
export function allowedArtifactName(name: string): boolean {
  return ARTIFACT_NAME.test(name) || AUDIO_ARTIFACT_NAME.test(name);
}

export function packageFileName(changesetId: string): string {
  return `${changesetId}${PACKAGE_FILE_SUFFIX}`;
}

/**
 * The container as read, before any base64 is decoded: strings stay strings here so that
 * non-canonical base64 gets its own check and message. Envelopes keep DSSE's rule that unknown
 * fields are ignored; the container itself refuses unknown fields (it is ours, and unsigned).
 */
const looseEnvelopeSchema = z.object({
  payload: z.string(),
  payloadType: z.string().max(256),
  signatures: z
    .array(z.object({ keyid: z.string().max(256).optional(), sig: z.string().min(1).max(1024) }))
    .min(1, 'needs at least one signature')
    .max(8),
});
export type LooseEnvelope = z.infer<typeof looseEnvelopeSchema>;

export const packageContainerSchema = z
  .object({
    mediaType: z.string(),
    artifacts: z
      .array(z.object({ name: z.string().max(300), data: z.string() }).strict())
      .min(1, 'needs at least one artifact')
      .max(MAX_ARTIFACTS),
    author: looseEnvelopeSchema,
    approvals: z.array(looseEnvelopeSchema).max(32),
  })
  .strict();
export type PackageContainer = z.infer<typeof packageContainerSchema>;

const timestamp = z.iso.datetime();
const environmentName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be an environment name');

/** One approval the author bundled: the approver's key and the sha256 of its envelope's payload. */
export const bundledApprovalSchema = z.object({
  keyId: keyIdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundledApproval = z.infer<typeof bundledApprovalSchema>;

export const packagePredicateSchema = z.object({
  changeId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/),
  title: z.string().min(1).max(200),
  /** Who exported and signed the package; believed only once their key checks the signature. */
  author: z.object({ keyId: keyIdSchema, owner: z.string().max(200) }),
  /** The environment whose snapshot the changeset was built and tested against, and that snapshot. */
  sourceEnvironment: environmentName.nullable(),
  sourceSnapshotCommit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .nullable(),
  targetEnvironments: z.array(environmentName).min(1).max(20),
  createdAt: timestamp,
  expiresAt: timestamp,
  /** The approvals the author put in the package, so none can be added or taken out afterwards. */
  approvals: z.array(bundledApprovalSchema).max(32),
  /**
   * The parameters the changeset needs from each target, names and types only (issue 15). Signed,
   * so a reviewer's list cannot be edited; optional, so packages made before parameters still
   * verify (the verifier then holds that their changeset uses none).
   */
  parameters: z.array(declaredParameterSchema).max(200).optional(),
  /** Referenced names the exporting workspace maps somewhere: each target may need to map them too. */
  mappings: z.array(declaredMappingSchema).max(50).optional(),
});
export type PackagePredicate = z.infer<typeof packagePredicateSchema>;

export const packageStatementSchema = statementOf(PACKAGE_PREDICATE_TYPE, packagePredicateSchema).extend({
  subject: z
    .array(
      z.object({
        name: z.string().min(1).max(300),
        digest: z
          .record(
            z.string().regex(/^[a-z0-9-]{1,32}$/),
            z.string().regex(/^[0-9a-f]+$/, 'must be lower-case hex'),
          )
          .refine((digest) => /^[0-9a-f]{64}$/.test(digest.sha256 ?? ''), 'needs a sha256 of 64 hex digits'),
      }),
    )
    .min(1, 'needs at least one subject')
    .max(MAX_ARTIFACTS),
});
export type PackageStatement = z.infer<typeof packageStatementSchema>;
