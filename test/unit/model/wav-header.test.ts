import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWavHeader } from '../../../shared/model/wav-header';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { buildWav as wav, fmtBody as fmt } from '../audio/wav-test-support';

describe('WAV header', () => {
  it('reads format, data length and duration', () => {
    const parsed = parseWavHeader(
      wav([
        { id: 'fmt ', body: fmt() },
        { id: 'data', body: new Uint8Array(32000) },
      ]),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.info.sampleRate, 8000);
    assert.equal(parsed.info.channels, 1);
    assert.equal(parsed.info.bitsPerSample, 16);
    assert.equal(parsed.info.dataBytes, 32000);
    assert.equal(parsed.info.durationSeconds, 2);
  });

  it('skips other chunks, including an odd-sized one with its pad byte', () => {
    const parsed = parseWavHeader(
      wav([
        { id: 'LIST', body: new Uint8Array(5) },
        { id: 'fmt ', body: fmt({ channels: 2, rate: 16000, bits: 8 }) },
        { id: 'data', body: new Uint8Array(16000) },
      ]),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.info.durationSeconds, 0.5);
  });

  it('reads the sandbox voice', () => {
    const parsed = parseWavHeader(synthesizePromptWav('Welcome', 0.5));
    assert.ok(parsed.ok);
    assert.equal(parsed.info.durationSeconds, 0.5);
  });

  it('refuses what is not a usable WAV, saying why', () => {
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('ID3\u0003 this is an mp3'), /not a WAV/],
      [new Uint8Array(4), /shorter than a WAV header/],
      [wav([{ id: 'data', body: new Uint8Array(8) }]), /"data" chunk comes before/],
      [wav([{ id: 'fmt ', body: fmt() }]), /no "data" chunk/],
      [wav([{ id: 'fmt ', body: new Uint8Array(10) }]), /too short/],
      [
        wav([
          { id: 'fmt ', body: fmt({ channels: 0 }) },
          { id: 'data', body: new Uint8Array(2) },
        ]),
        /no channels/,
      ],
      [wav([{ id: 'fmt ', body: fmt() }], 1000), /cut short/],
    ];
    for (const [bytes, reason] of cases) {
      const parsed = parseWavHeader(bytes);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, reason);
    }
    // A chunk whose length runs past the end.
    const truncated = wav([
      { id: 'fmt ', body: fmt() },
      { id: 'data', body: new Uint8Array(8) },
    ]);
    new DataView(truncated.buffer).setUint32(40, 9999, true);
    const parsed = parseWavHeader(truncated);
    assert.ok(!parsed.ok && /runs past the end/.test(parsed.reason));
  });
});
