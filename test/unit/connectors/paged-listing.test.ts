import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mergePages,
  pagesToRead,
  settledEntities,
  type ListedPage,
} from '../../../electron/services/connectors/genesys/paged-listing';

const byId = (entity: Record<string, unknown>) => (typeof entity.id === 'string' ? entity.id : undefined);
const page = (ids: string[], total: number | null, pageCount: number | null): ListedPage => ({
  entities: ids.map((id) => ({ id })),
  total,
  pageCount,
});

describe('merging the pages of one list read', () => {
  it('accepts pages that agree on total and page count and add up to the total', () => {
    const merged = mergePages([page(['a', 'b'], 3, 2), page(['c'], 3, 2)], byId);
    assert.equal(merged.change, null);
    assert.deepEqual(settledEntities(merged, null), [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });

  it('sees a create between two page reads: the total moved, or an object shifted onto the next page', () => {
    const moved = mergePages([page(['a', 'b'], 3, 2), page(['b', 'c'], 4, 2)], byId);
    assert.match(moved.change ?? '', /page 2 counted 4 objects where page 1 counted 3/);
    assert.equal(settledEntities(moved, null), null);
    const pageCount = mergePages([page(['a', 'b'], 4, 2), page(['c', 'd'], 4, 3)], byId);
    assert.match(pageCount.change ?? '', /page 2 spoke of 3 pages/);
    const twice = mergePages([page(['a', 'b'], 4, 2), page(['b', 'c'], 4, 2)], byId);
    assert.match(twice.change ?? '', /b was listed on two pages/);
    assert.deepEqual(
      twice.entities.map((entity) => entity.id),
      ['a', 'b', 'c'],
      'each id once, even in a read that is thrown away',
    );
  });

  it('sees a delete between two page reads as fewer objects than counted', () => {
    const short = mergePages([page(['a', 'b'], 4, 2), page(['d'], 4, 2)], byId);
    assert.match(short.change ?? '', /3 objects were listed where the pages counted 4/);
    assert.equal(settledEntities(short, null), null);
  });

  it('trusts a short read that reads the same twice: the server counts what it does not list', () => {
    const first = mergePages([page(['a', 'b'], 5, 2), page(['c'], 5, 2)], byId);
    const again = mergePages([page(['a', 'b'], 5, 2), page(['c'], 5, 2)], byId);
    assert.deepEqual(settledEntities(again, first), again.entities);
    const other = mergePages([page(['a', 'b'], 5, 2), page(['d'], 5, 2)], byId);
    assert.equal(settledEntities(other, first), null, 'a different short read is still a moving list');
  });

  it('does not re-read a list that holds more than its total: nothing is missing from it', () => {
    const over = mergePages([page(['a', 'b', 'c'], 2, 1)], byId);
    assert.equal(over.change, null);
  });

  it('follows the total when a server gives no page count', () => {
    assert.equal(pagesToRead(page([], 11, null), 5), 3);
    assert.equal(pagesToRead(page([], null, null), 5), 1);
    assert.equal(pagesToRead(page([], 11, 4), 5), 4);
  });
});
