import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fileNameMatchesKey,
  fileNameToKey,
  isShortenedFileName,
  keyToFileName,
  MAX_FILE_NAME_BYTES,
} from '../../../shared/model/canonical/file-name-codec';
import { sha256Hex } from '../../../shared/model/canonical/sha256';
import { decodeWtf8, encodeWtf8 } from '../../../shared/model/canonical/wtf8';

/** Characters that have broken file names somewhere, mixed with ordinary ones. */
const trickyChars = [
  ...'aAbBzZ09 .-_',
  ...'/\\:*?"<>|%~',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  'é',
  'e',
  '\u0301',
  'É',
  'ß',
  'ẞ',
  'ς',
  'σ',
  'Σ',
  'ı',
  'İ',
  'i',
  'I',
  'K',
  'k',
  '\u212a',
  '\u212b',
  'Å',
  'ǅ',
  'ǆ',
  'Ǆ',
  'ſ',
  's',
  '\u1100',
  '\u1161',
  '가',
  '\u200d',
  '\u202e',
  '\u00a0',
  '\u2028',
  '\ue000',
  '\ufffe',
  '\ud800',
  '\udc00',
  '😀',
  '¹',
  '日',
];

const trickyKey = fc
  .array(
    fc.oneof(
      fc.constantFrom(...trickyChars),
      fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point)),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((chars) => chars.join(''));

/** Roughly what a case- and normalisation-insensitive file system (APFS, NTFS) compares. */
function folded(fileName: string): string {
  return fileName.normalize('NFD').toUpperCase().toLowerCase().normalize('NFD');
}

const UNSAFE_ANYWHERE = /[/\\:*?"<>|]/u;

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => {
    const point = char.codePointAt(0) ?? 0;
    return point < 0x20 || (point >= 0x7f && point <= 0x9f);
  });
}
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\.|$)/iu;

function assertSafe(fileName: string): void {
  assert.ok(fileName.endsWith('.json'), fileName);
  assert.doesNotMatch(fileName, UNSAFE_ANYWHERE);
  assert.ok(!hasControlCharacter(fileName), fileName);
  assert.ok(!fileName.startsWith('.') && !fileName.startsWith(' '), fileName);
  assert.ok(!fileName.includes(' .json') && !fileName.includes('..json'), fileName);
  assert.doesNotMatch(fileName, WINDOWS_DEVICE);
  assert.ok(encodeWtf8(fileName).length <= MAX_FILE_NAME_BYTES, fileName);
  assert.equal(fileName.normalize('NFC'), fileName);
  assert.ok(!/\p{Cs}/u.test(fileName), 'no lone surrogates');
}

describe('file name codec', () => {
  it('keeps ordinary names readable', () => {
    assert.equal(keyToFileName('Billing Queue'), 'Billing Queue.json');
    // Title Case needs no suffix; `EN` has an upper-case letter where Title Case has a lower one.
    assert.equal(keyToFileName('Support - Tier 2 (EN)'), 'Support - Tier 2 (EN)~004.json');
    assert.equal(keyToFileName('Café Crème'), 'Café Crème.json');
    assert.equal(keyToFileName('日本語サポート'), '日本語サポート.json');
    assert.equal(keyToFileName('Holiday 😀'), 'Holiday 😀.json');
  });

  it('escapes the names that break file systems', () => {
    const cases: [string, string][] = [
      ['A/B Test', 'A%2FB Test.json'],
      ['C:\\temp', 'C%3A%5Ctemp~8.json'],
      ['what? *really* <yes> "no" |pipe|', 'what%3F %2Areally%2A %3Cyes%3E %22no%22 %7Cpipe%7C~h0ig.json'],
      ['CON', '%43ON~o.json'],
      ['con', '%63on.json'],
      ['Nul.txt', '%4Eul.txt~4.json'],
      ['COM1 .old', '%43OM1 .old~s.json'],
      ['Lpt¹', '%4Cpt¹.json'],
      ['CONSOLE', 'CONSOLE~fo.json'],
      ['.hidden', '%2Ehidden~g.json'],
      ['..', '%2E%2E.json'],
      ['Trailing.', 'Trailing%2E.json'],
      [' Padded ', '%20Padded%20.json'],
      ['Tab\there', 'Tab%09here~2.json'],
      ['100% ~done', '100%25 %7Edone~g.json'],
      ['Right\u202eLeft', 'Right%E2%80%AELeft.json'],
      ['Straße', 'Stra%C3%9Fe.json'],
      ['e\u0301t\u00e9', 'e%CC%81té~g.json'],
      ['\ud83d', '%ED%A0%BD.json'],
    ];
    for (const [key, expected] of cases) {
      const fileName = keyToFileName(key);
      assertSafe(fileName);
      assert.equal(fileName, expected, JSON.stringify(key));
      assert.equal(fileNameToKey(fileName), key, `${JSON.stringify(key)} → ${fileName}`);
    }
  });

  it('gives keys that differ only in case names that differ on a case-insensitive disk', () => {
    const variants = ['billing queue', 'Billing Queue', 'BILLING QUEUE', 'Billing queue', 'bILLING qUEUE'];
    const names = variants.map(keyToFileName);
    assert.equal(new Set(names.map((name) => name.toLowerCase())).size, variants.length, names.join(' | '));
    assert.equal(names[1], 'Billing Queue.json');
    assert.equal(names[0], 'billing queue~g4.json');
    assert.deepEqual(names.map(fileNameToKey), variants);
  });

  it('round-trips every key, also when the disk hands names back decomposed', () => {
    fc.assert(
      fc.property(trickyKey, (key) => {
        const fileName = keyToFileName(key);
        assertSafe(fileName);
        assert.equal(isShortenedFileName(fileName), false);
        assert.equal(fileNameToKey(fileName), key);
        assert.equal(fileNameToKey(fileName.normalize('NFD')), key);
        assert.equal(keyToFileName(key), fileName, 'stable');
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets two different keys share a name on a case- or normalisation-insensitive disk', () => {
    const smallAlphabet = fc
      .array(
        fc.constantFrom(
          'a',
          'A',
          'é',
          'É',
          'e\u0301',
          'ß',
          'ẞ',
          'ss',
          'ς',
          'σ',
          'Σ',
          'k',
          'K',
          '\u212a',
          'ı',
          'i',
          'I',
          'İ',
          ' ',
          '.',
          'ǅ',
          'ǆ',
          'Ǆ',
          'ſ',
          's',
          'S',
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(smallAlphabet, smallAlphabet, (left, right) => {
        fc.pre(left !== right);
        assert.notEqual(folded(keyToFileName(left)), folded(keyToFileName(right)), `${left} / ${right}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('shortens very long names with a digest and still tells them apart', () => {
    const long = 'Queue for the '.concat('very '.repeat(60), 'long name');
    const fileName = keyToFileName(long);
    assertSafe(fileName);
    assert.ok(fileName.startsWith('Queue for the very very'), fileName);
    assert.match(fileName, /~~[0-9a-f]{20}\.json$/);
    assert.equal(isShortenedFileName(fileName), true);
    assert.equal(fileNameToKey(fileName), undefined);
    assert.equal(fileNameMatchesKey(fileName, long), true);
    assert.equal(fileNameMatchesKey(fileName, long.toUpperCase()), false);
    assert.notEqual(folded(keyToFileName(long.toUpperCase())), folded(fileName));
    const escapedLong = keyToFileName('/'.repeat(200));
    assertSafe(escapedLong);
    assert.match(escapedLong, /^(%2F)+~~[0-9a-f]{20}\.json$/);

    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 400 }), (key) => {
        const name = keyToFileName(key);
        assertSafe(name);
        assert.equal(fileNameMatchesKey(name, key), true);
        assert.equal(isShortenedFileName(name) ? undefined : key, fileNameToKey(name));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts only the one name each key has', () => {
    for (const fileName of [
      'Billing Queue',
      'Billing Queue.JSON',
      '.json',
      '%41.json',
      '%2f.json',
      '%C3.json',
      '%ZZ.json',
      'a%2.json',
      'Billing Queue~.json',
      'Billing Queue~0.json',
      'billing queue.json',
      'a/b.json',
      'CON.json',
      'x~1~2.json',
      '%ED%A0%80%ED%B0%80.json',
    ]) {
      assert.equal(fileNameToKey(fileName), undefined, fileName);
    }
    assert.throws(() => keyToFileName(''), /must not be empty/);
    assert.equal(fileNameMatchesKey('.json', ''), false);
  });
});

describe('sha256 and wtf8', () => {
  it('agrees with node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
      }),
    );
    assert.equal(sha256Hex(new Uint8Array()), createHash('sha256').update('').digest('hex'));
  });

  it('encodes well-formed text as UTF-8 and round-trips lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        assert.deepEqual(Buffer.from(encodeWtf8(text)), Buffer.from(text, 'utf8'));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x10ffff })), (points) => {
        const text = points.map((point) => String.fromCodePoint(point)).join('');
        assert.equal(decodeWtf8(encodeWtf8(text)), text);
      }),
    );
    for (const bad of [[0x80], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      assert.equal(decodeWtf8(bad), undefined, bad.join(','));
    }
  });
});
