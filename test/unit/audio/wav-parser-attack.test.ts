import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWavHeader, type WavParse } from '../../../shared/model/wav-header';
import { buildWav as build, fmtBody as fmt, type WavChunk as Chunk } from './wav-test-support';

/**
 * Hostile WAV headers (issue 17): the bytes come from a teammate's workspace, a file a person
 * picked, or an org's download. The parser must never throw, never walk without bound, never
 * give a length that is not a finite number, and refuse headers whose sizes or rates lie.
 */

const data = (length: number): Chunk => ({ id: 'data', body: new Uint8Array(length) });

function refused(parsed: WavParse, reason: RegExp): void {
  assert.equal(parsed.ok, false, JSON.stringify(parsed));
  if (!parsed.ok) assert.match(parsed.reason, reason);
}

describe('WAV parser against hostile headers', () => {
  it('refuses a RIFF size beyond the file, and one too small to hold the chunks', () => {
    const good = build([{ id: 'fmt ', body: fmt() }, data(16)]);
    refused(parseWavHeader(build([{ id: 'fmt ', body: fmt() }, data(16)], good.length - 8 + 1)), /cut short/);
    refused(parseWavHeader(build([{ id: 'fmt ', body: fmt() }, data(16)], 0xffffffff)), /cut short/);
    // A RIFF size that ends inside the data chunk: the data runs past what RIFF covers.
    refused(
      parseWavHeader(build([{ id: 'fmt ', body: fmt() }, data(16)], 4 + 24 + 8 + 8)),
      /runs past the end/,
    );
    refused(parseWavHeader(build([{ id: 'fmt ', body: fmt() }, data(16)], 0)), /no "fmt " chunk/);
  });

  it('refuses chunk sizes that run past the end, up to 4 GiB', () => {
    for (const size of [17, 1 << 20, 0x7fffffff, 0xffffffff]) {
      refused(
        parseWavHeader(
          build([
            { id: 'fmt ', body: fmt() },
            { ...data(16), size },
          ]),
        ),
        /"data" chunk runs past/,
      );
      refused(
        parseWavHeader(build([{ id: 'LIST', body: new Uint8Array(4), size }, data(0)])),
        /"LIST" chunk runs past/,
      );
    }
  });

  it('walks a bounded number of chunks, however many the file holds', () => {
    // 10 000 empty chunks before `fmt `: refused quickly, not walked to the end.
    const junk = Array.from({ length: 10_000 }, () => ({ id: 'junk', body: new Uint8Array(0) }));
    const started = performance.now();
    refused(parseWavHeader(build([...junk, { id: 'fmt ', body: fmt() }, data(2)])), /no "fmt " chunk/);
    assert.ok(performance.now() - started < 500);
    // A handful of metadata chunks is fine.
    const few = Array.from({ length: 10 }, () => ({ id: 'LIST', body: new Uint8Array(3) }));
    assert.equal(parseWavHeader(build([{ id: 'fmt ', body: fmt() }, ...few, data(2)])).ok, true);
  });

  it('skips odd-sized chunks by their pad byte, and refuses a pad byte that would be past the end', () => {
    const parsed = parseWavHeader(
      build([{ id: 'fmt ', body: fmt() }, { id: 'odd ', body: new Uint8Array(5) }, data(4)]),
    );
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.equal(parsed.info.dataBytes, 4);
    // An odd chunk last, its pad byte missing: no `data` is found, and nothing is read past the end.
    const cut = build([
      { id: 'fmt ', body: fmt() },
      { id: 'odd ', body: new Uint8Array(5) },
    ]);
    refused(parseWavHeader(cut.subarray(0, cut.length - 1).slice()), /cut short|no "data"/);
  });

  it('refuses a linear format whose byte rate does not follow from its header (no absurd or infinite length)', () => {
    for (const byteRate of [0, 1, 15_999, 16_001, 0xffffffff]) {
      refused(parseWavHeader(build([{ id: 'fmt ', body: fmt({ byteRate }) }, data(16)])), /byte rate/);
    }
    refused(parseWavHeader(build([{ id: 'fmt ', body: fmt({ bits: 0, byteRate: 0 }) }, data(16)])), /0 bits/);
    // µ-law, 8 kHz, 8 bits: 8000 bytes a second, as Genesys stores prompts.
    const mulaw = parseWavHeader(build([{ id: 'fmt ', body: fmt({ format: 7, bits: 8 }) }, data(8000)]));
    assert.ok(mulaw.ok, JSON.stringify(mulaw));
    assert.equal(mulaw.info.durationSeconds, 1);
  });

  it('gives a compressed format without a byte rate no length (null), never NaN or Infinity', () => {
    const adpcm = parseWavHeader(
      build([{ id: 'fmt ', body: fmt({ format: 0x11, bits: 4, byteRate: 0 }) }, data(64)]),
    );
    assert.ok(adpcm.ok, JSON.stringify(adpcm));
    assert.equal(adpcm.info.durationSeconds, null);
  });

  it('keeps unprintable chunk ids out of its words', () => {
    const parsed = parseWavHeader(build([{ id: '\u0000\n\u001b[', body: new Uint8Array(0), size: 999 }]));
    refused(parsed, /"\?\?\?\[" chunk runs past/);
  });

  it('never throws, and every length it gives is finite, on thousands of damaged headers', () => {
    const base = build([{ id: 'fmt ', body: fmt() }, { id: 'LIST', body: new Uint8Array(6) }, data(32)]);
    let seed = 0x5eed;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed;
    };
    for (let round = 0; round < 5000; round += 1) {
      const bytes = base.slice(0, 12 + (next() % (base.length - 11)));
      for (let flips = 1 + (next() % 4); flips > 0; flips -= 1) bytes[next() % bytes.length] = next() & 0xff;
      const parsed = parseWavHeader(bytes);
      if (!parsed.ok) continue;
      const seconds = parsed.info.durationSeconds;
      assert.ok(seconds === null || (Number.isFinite(seconds) && seconds >= 0), String(seconds));
      assert.ok(parsed.info.dataBytes <= bytes.length);
    }
  });

  it('reads a WAV that is a view into a larger buffer by its own offsets', () => {
    const wav = build([{ id: 'fmt ', body: fmt() }, data(16)]);
    const outer = new Uint8Array(wav.length + 100);
    outer.set(wav, 37);
    const parsed = parseWavHeader(outer.subarray(37, 37 + wav.length));
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.equal(parsed.info.dataBytes, 16);
  });
});
