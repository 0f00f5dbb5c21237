import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../../../../shared/api/api-error';
import { GenesysApiError, GenesysErrorCode } from './genesys-error';

/**
 * Genesys lists page by offset (`pageNumber` × `pageSize`) over a list sorted by name. An object
 * created or deleted while the pages are read shifts every later page: one object shows up twice,
 * or one is never seen. Nothing in a page says so except its `total` and `pageCount`, so a read
 * is only accepted when every page agrees with the first on both, no id is listed twice and no
 * fewer objects than `total` were listed. Otherwise the whole list is read again, a bounded
 * number of times.
 *
 * Limit: a create and a delete that cancel out between two page reads leave `total` unchanged; an
 * offset-paged API cannot show that without reading every page twice.
 */

/** Reads of one list before Ferry gives up on a busy org. */
export const MAX_LIST_ATTEMPTS = 3;

/** Pause before re-reading, growing per attempt: a burst of changes is often over by then. */
const REREAD_PAUSE_MS = 250;

export const LISTING_CHANGED = 'genesys.listing-changed';

/** One page as the connector read it. */
export interface ListedPage {
  entities: Record<string, unknown>[];
  total: number | null;
  pageCount: number | null;
}

/** Pages merged into one list, and whether they can be trusted as one state of it. */
export interface PagedListing {
  /** Each identified object once, in page order. */
  entities: Record<string, unknown>[];
  /** Why the pages do not add up to one state of the list; null when they do. */
  change: string | null;
  /**
   * True when the only doubt is fewer objects than the pages counted. A server that counts
   * objects it does not list gives that on every read; a list that moved does not read the same
   * way twice.
   */
  onlyShort: boolean;
  /** The identities in order, to tell two reads apart. */
  signature: string;
}

/**
 * Merges the pages of one read. An entity without an identity is kept as it is (the caller's
 * schema check reports it).
 */
export function mergePages(
  pages: readonly ListedPage[],
  identify: (entity: Record<string, unknown>) => string | undefined,
): PagedListing {
  const first = pages[0];
  const seen = new Set<string>();
  const entities: Record<string, unknown>[] = [];
  const identities: string[] = [];
  let change: string | null = null;
  for (const [index, page] of pages.entries()) {
    if (change === null && page.total !== first?.total) {
      change = `page ${index + 1} counted ${String(page.total)} objects where page 1 counted ${String(first?.total)}`;
    }
    if (change === null && page.pageCount !== first?.pageCount) {
      change = `page ${index + 1} spoke of ${String(page.pageCount)} pages where page 1 spoke of ${String(first?.pageCount)}`;
    }
    for (const entity of page.entities) {
      const identity = identify(entity);
      if (identity !== undefined) {
        // Only a shift between two page reads lists one object twice.
        if (seen.has(identity)) {
          change ??= `${identity} was listed on two pages`;
          continue;
        }
        seen.add(identity);
      }
      identities.push(identity ?? '');
      entities.push(entity);
    }
  }
  const total = first?.total ?? null;
  // Pages that agree on the total hold at most that many objects; fewer means one was missed.
  const short = change === null && total !== null && entities.length < total;
  if (short) change = `${entities.length} objects were listed where the pages counted ${total}`;
  return { entities, change, onlyShort: short, signature: JSON.stringify(identities) };
}

/**
 * The objects when `current` can be trusted: its pages add up, or it is short exactly as the
 * read before it was (nothing moved between two whole reads). Null when the list must be read
 * again.
 */
export function settledEntities(
  current: PagedListing,
  previous: PagedListing | null,
): Record<string, unknown>[] | null {
  if (current.change === null) return current.entities;
  if (current.onlyShort && previous?.onlyShort === true && previous.signature === current.signature) {
    return current.entities;
  }
  return null;
}

/** Pages to read after the first: what the server says, or what its total implies. */
export function pagesToRead(page: ListedPage, pageSize: number): number {
  if (page.pageCount !== null) return page.pageCount;
  if (page.total !== null) return Math.max(1, Math.ceil(page.total / pageSize));
  return 1;
}

/**
 * The error once every attempt saw the list move. `what` names the list for a person, e.g.
 * `Queues` or `The rows of data table "Holidays"`.
 */
export function listingChanged(
  what: string,
  attempts: number,
  details: { path: string; change: string; type?: string },
): FerryError {
  return new FerryError(
    LISTING_CHANGED,
    `${what} changed while Ferry read them ${attempts} times; try again when the org is quieter`,
    { ...details, attempts },
  );
}

/** Waits before another attempt; cancelling the pull ends the wait as a cancelled request. */
export async function pauseBeforeReread(attempt: number, path: string, signal: AbortSignal | undefined) {
  try {
    await delay(REREAD_PAUSE_MS * attempt, undefined, signal ? { signal } : undefined);
  } catch {
    throw new GenesysApiError(GenesysErrorCode.cancelled, `GET ${path} was cancelled`, {
      status: null,
      method: 'GET',
      path,
    });
  }
}
