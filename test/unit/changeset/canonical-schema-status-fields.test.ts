import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJsonSchema } from '../../../shared/changeset/canonical-schema';

describe("the editor's JSON schema leaves status fields out", () => {
  it('offers a flow its type, name and configuration, never its published version or lock', () => {
    const schema = canonicalJsonSchema('architect.flow');
    const properties = Object.keys(schema.properties as Record<string, unknown>);
    for (const field of ['name', 'type', 'configuration']) assert.ok(properties.includes(field), field);
    for (const status of ['publishedVersion', 'lockedUser']) {
      assert.ok(!properties.includes(status), `${status} is status, never written`);
    }
  });
});
