import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  IN_TOTO_PAYLOAD_TYPE,
  buildEnvelope,
  dsseEnvelopeSchema,
  envelopePayload,
} from '../../../shared/signing/dsse-envelope';

const signature = new Uint8Array(64).fill(7);
const valid = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, new TextEncoder().encode('{"a":1}'), [
  { keyid: 'abc', sig: signature },
]);

describe('DSSE envelope schema', () => {
  it('accepts what buildEnvelope writes and gives the payload back', () => {
    const parsed = dsseEnvelopeSchema.parse(valid);
    assert.equal(new TextDecoder().decode(envelopePayload(parsed)), '{"a":1}');
    assert.equal(parsed.signatures[0]?.sig, Buffer.from(signature).toString('base64'));
  });

  it('ignores unknown fields and allows a signature without keyid', () => {
    const parsed = dsseEnvelopeSchema.parse({
      ...valid,
      extra: 'ignored',
      signatures: [{ sig: valid.signatures[0]?.sig, note: 'x' }],
    });
    assert.equal('extra' in parsed, false);
    assert.equal(parsed.signatures[0]?.keyid, undefined);
  });

  it('rejects non-canonical base64, missing fields and an empty signature list', () => {
    const cases: Record<string, unknown> = {
      'payload with a junk character': {
        ...valid,
        payload: `${valid.payload.slice(0, -4)}*${valid.payload.slice(-3)}`,
      },
      'payload with a newline': { ...valid, payload: `${valid.payload}\n` },
      'sig without padding': {
        ...valid,
        signatures: [{ keyid: 'k', sig: valid.signatures[0]?.sig.replace(/=+$/, '') }],
      },
      'empty sig': { ...valid, signatures: [{ keyid: 'k', sig: '' }] },
      'no signatures': { ...valid, signatures: [] },
      'no payloadType': { payload: valid.payload, signatures: valid.signatures },
      'payload not a string': { ...valid, payload: 12 },
    };
    for (const [why, envelope] of Object.entries(cases)) {
      assert.equal(dsseEnvelopeSchema.safeParse(envelope).success, false, why);
    }
  });
});
