/**
 * Offline verification of a change package, in two pure steps around the one thing the caller
 * must look up in its workspace (each target's policy, latest snapshot and runs):
 *
 *   inspectPackage  signatures, statements, artifacts, approvals, times — needs the trusted keys only
 *   judgePackage    per target: configured, package age, approvals counted against its policy,
 *                   self-approval, base snapshot, already applied; and the local changeset
 *
 * Every check is reported with its result; import requires all of them to pass. This file keeps
 * the public API at its old path; each phase is a file in ./verify/, and the approval checks it
 * shares with stored approvals are in shared/approvals/approval-checks.ts.
 */
export { shortKey } from './verify/check-result';
export { inspectPackage } from './verify/inspect-package';
export { judgePackage } from './verify/judge-package';
export { assembleReport } from './verify/report';
export type {
  ApprovalFact,
  InspectContext,
  InspectResult,
  JudgeContext,
  PackageFacts,
  SignatureVerifier,
  TargetContext,
} from './verify/verify-types';
