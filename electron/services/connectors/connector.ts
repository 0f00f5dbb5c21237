import type {
  ObjectTypeId,
  UnmanagedReferenceTypeId,
} from '../../../shared/model/object-types/object-type-definition';
import type { ReferencedObject } from './genesys/reference-lookups';
import type { TransportStats } from './genesys/genesys-transport';
import type { TestExecutionResult } from '../../../shared/promotion/checks/action-test-result';

export interface ListProgress {
  type: ObjectTypeId;
  objects: number;
  total: number | null;
  /**
   * Of the `total` objects listed, how many have their configuration file exported (flows: one
   * export job each, the long part of reading them); absent while the objects are being listed.
   */
  exported?: number;
}

export interface ListOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ListProgress) => void;
  /**
   * False: a type written as a configuration file (flows) without it, which costs an export job
   * per object; enough where only ids and names count (references to it). Default true.
   */
  configuration?: boolean;
}

export interface OrgIdentity {
  orgId: string;
  orgName: string;
}

/** One platform's API as typed objects (DESIGN §6). Objects are raw API JSON plus sub-resources. */
export interface Connector {
  check(signal?: AbortSignal): Promise<OrgIdentity>;
  list(type: ObjectTypeId, options?: ListOptions): Promise<Record<string, unknown>[]>;
  get(type: ObjectTypeId, id: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
  create(
    type: ObjectTypeId,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>>;
  update(
    type: ObjectTypeId,
    id: string,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>>;
  remove(type: ObjectTypeId, id: string, signal?: AbortSignal): Promise<void>;
  /**
   * Any other call under the org's API (sub-resources: a queue's wrap-up codes, a table's rows),
   * through the same transport: retries, 429s, pacing and stats.
   */
  request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown>;
  /**
   * Objects of a type Ferry does not manage (flows, groups, scripts, …) by the key references
   * name them by: those named `names`, or all when null. Several with one key all come back.
   */
  findReferenced(
    type: UnmanagedReferenceTypeId,
    names: readonly string[] | null,
    signal?: AbortSignal,
  ): Promise<ReferencedObject[]>;
  /**
   * Runs a published data action through the API's test endpoint (`POST
   * /api/v2/integrations/actions/{actionId}/test`) with `input`: the action calls its service, the
   * reply shows each step. Writes nothing in the org; used by post-promotion checks (issue 20).
   */
  testAction(
    actionId: string,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<TestExecutionResult>;
  readonly stats: TransportStats;
  /**
   * Prompt audio this connector downloaded while reading prompts, by sha256 (canonical form holds
   * only the hash): the snapshot keeps the bytes beside the JSON.
   */
  audioBytes?(sha256: string): Uint8Array | undefined;
}
