import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { ACTION_READ_QUERY, actionAsRead, actionPath } from './action-read';
import { GenesysApiError, GenesysErrorCode, malformedReply } from './genesys-error';
import type { PlatformApiCall } from './platform-api-call';
import { holdsWritten, isNotFound, type SettleOptions } from './write-settlement';

/** A write made exactly once through the connector's settlement (see `write-settlement.ts`). */
export type SettledWrite = <T>(
  method: string,
  path: string,
  signal: AbortSignal | undefined,
  write: Pick<SettleOptions<T>, 'send' | 'read' | 'afterResend'>,
) => Promise<T>;

/** `…/actions/{id}/draft` and `…/draft/publish`, as a plan names them. */
const DRAFT_CALL = /^\/api\/v2\/integrations\/actions\/([^/]+)\/draft(\/publish)?$/;

export function actionDraftCall(method: string, path: string): { actionId: string; publish: boolean } | null {
  const match = DRAFT_CALL.exec(path);
  if (match === null) return null;
  const publish = match[2] !== undefined;
  if (publish ? method !== 'POST' : method !== 'PATCH') return null;
  return { actionId: decodeURIComponent(match[1] ?? ''), publish };
}

const draftSchema = z.object({ id: z.string().min(1), version: z.number().int().min(0) }).loose();
type Draft = z.infer<typeof draftSchema>;

/** Times a write is made again when the draft's version moved under it (a 409). */
const MAX_STALE_VERSION_ATTEMPTS = 3;

/**
 * Changes to a published data action, through its draft: the plan says what the draft must hold
 * and that it is published; the draft's version, which both writes must send and which only the
 * target knows, is read here. A draft that is not there is created from the published action.
 */
export class ActionDraftWrites {
  /** What this connector last wrote into each action's draft, so a publish can tell its own draft. */
  private readonly written = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly call: PlatformApiCall,
    private readonly settle: SettledWrite,
  ) {}

  /**
   * `PATCH …/draft` with the draft's current version. A 409 means the draft moved between the read
   * and the write (someone saved it meanwhile): its new version is read and the write made again,
   * a bounded number of times, since this write sets every field it names either way.
   */
  async patch(
    actionId: string,
    body: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const path = draftPath(actionId);
    const { version: _ignored, ...fields } = body;
    void _ignored;
    let draft = await this.ensureDraft(actionId, signal);
    for (let attempt = 1; ; attempt += 1) {
      const sent = { ...fields, version: draft.version };
      try {
        const reply = await this.settle('PATCH', path, signal, {
          send: async () => asRecord(await this.call('PATCH', path, {}, sent, signal)),
          read: async () => {
            const now = await this.readDraft(actionId, signal);
            if (now === null) return { held: false, resend: false };
            return holdsWritten('integrations.action', now, fields)
              ? { held: true, value: now }
              : { held: false, resend: false };
          },
        });
        this.written.set(actionId, fields);
        return reply;
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_STALE_VERSION_ATTEMPTS) throw error;
        const now = await this.readDraft(actionId, signal);
        if (now === null) throw error;
        draft = now;
      }
    }
  }

  /**
   * `POST …/draft/publish` with the draft's version. A lost reply is settled by reading: no draft
   * left and the action holding what was written means it was published. A 409 (the draft moved
   * since it was written) publishes the newer version only when it still holds exactly what this
   * run wrote; otherwise someone else's edit would go live under this run's name, so it stops.
   */
  async publish(actionId: string, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    const path = `${draftPath(actionId)}/publish`;
    const mine = this.written.get(actionId) ?? null;
    for (let attempt = 1; ; attempt += 1) {
      const draft = await this.readDraft(actionId, signal);
      if (draft === null) {
        // Nothing to publish: a publish whose reply was lost already consumed the draft.
        const action = await this.readAction(actionId, signal);
        if (action !== null && (mine === null || holdsWritten('integrations.action', action, mine))) {
          return action;
        }
        throw new FerryError(
          'conflict',
          `Data action ${actionId} has no draft to publish: someone removed or published it while Ferry was writing it. Plan again to see the action as it is now`,
          { actionId },
        );
      }
      if (mine !== null && !holdsWritten('integrations.action', draft, mine)) {
        throw changedByOthers(actionId);
      }
      try {
        return await this.settle('POST', path, signal, {
          send: async () => asRecord(await this.call('POST', path, {}, { version: draft.version }, signal)),
          read: async () => {
            const left = await this.readDraft(actionId, signal);
            if (left !== null && left.version === draft.version) return { held: false, resend: true };
            if (left !== null) return { held: false, resend: false };
            const action = await this.readAction(actionId, signal);
            return action !== null ? { held: true, value: action } : { held: false, resend: false };
          },
        });
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_STALE_VERSION_ATTEMPTS) throw error;
      }
    }
  }

  /** The draft, created from the published action when there is none. */
  private async ensureDraft(actionId: string, signal: AbortSignal | undefined): Promise<Draft> {
    const existing = await this.readDraft(actionId, signal);
    if (existing !== null) return existing;
    const path = draftPath(actionId);
    try {
      const created = await this.settle('POST', path, signal, {
        send: async () => asRecord(await this.call('POST', path, {}, undefined, signal)),
        read: async () => {
          const now = await this.readDraft(actionId, signal);
          return now === null ? { held: false, resend: true } : { held: true, value: now };
        },
      });
      const parsed = draftSchema.safeParse(created);
      if (parsed.success) return parsed.data;
    } catch (error) {
      // Created meanwhile by someone else (or by a first attempt): the draft is there to use.
      if (!isConflict(error)) throw error;
    }
    const now = await this.readDraft(actionId, signal);
    if (now === null) throw malformedReply(path, 'a draft without an id or version');
    return now;
  }

  private async readDraft(actionId: string, signal: AbortSignal | undefined): Promise<Draft | null> {
    const path = draftPath(actionId);
    const body = await this.readIfPresent(path, signal);
    if (body === null) return null;
    const parsed = draftSchema.safeParse(body);
    if (!parsed.success) throw malformedReply(path, 'a draft without an id or version');
    return parsed.data;
  }

  private readAction(actionId: string, signal: AbortSignal | undefined) {
    return this.readIfPresent(actionPath(actionId), signal);
  }

  private async readIfPresent(
    path: string,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown> | null> {
    try {
      // Read as a snapshot reads it, so what was written (from a snapshot) compares field by field.
      return actionAsRead(asRecord(await this.call('GET', path, ACTION_READ_QUERY, undefined, signal)));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}

function draftPath(actionId: string): string {
  return `${actionPath(actionId)}/draft`;
}

function isConflict(error: unknown): boolean {
  return error instanceof GenesysApiError && error.code === GenesysErrorCode.conflict;
}

function changedByOthers(actionId: string): FerryError {
  return new FerryError(
    'conflict',
    `The draft of data action ${actionId} was changed by someone else after Ferry wrote it, so it was not published (that would put their edit live under this run). Plan again, or ask who is editing the action in the target`,
    { actionId },
  );
}

function asRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
