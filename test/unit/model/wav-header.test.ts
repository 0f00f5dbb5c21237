import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWavHeader } from '../../../shared/model/wav-header';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';

/** A WAV built by hand, chunk by chunk, so each test can break one thing. */
function wav(chunks: { id: string; body: Uint8Array }[], riffSize?: number): Uint8Array {
  const length = 12 + chunks.reduce((sum, c) => sum + 8 + c.body.length + (c.body.length % 2), 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < 4; i += 1) bytes[offset + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, riffSize ?? length - 8, true);
  text(8, 'WAVE');
  let offset = 12;
  for (const chunk of chunks) {
    text(offset, chunk.id);
    view.setUint32(offset + 4, chunk.body.length, true);
    bytes.set(chunk.body, offset + 8);
    offset += 8 + chunk.body.length + (chunk.body.length % 2);
  }
  return bytes;
}

function fmt(options: { channels?: number; rate?: number; bits?: number } = {}): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  const channels = options.channels ?? 1;
  const rate = options.rate ?? 8000;
  const bits = options.bits ?? 16;
  view.setUint16(0, 1, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, rate, true);
  view.setUint32(8, (rate * channels * bits) / 8, true);
  view.setUint16(12, (channels * bits) / 8, true);
  view.setUint16(14, bits, true);
  return body;
}

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
