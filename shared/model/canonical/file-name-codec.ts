import { FerryError } from '../../api/api-error';
import { ModelErrorCode } from '../object-types/model-error-codes';
import { sha256Hex } from './sha256';
import { decodeWtf8, encodeWtf8 } from './wtf8';

/*
 * One file per object in a snapshot is named after its natural key:
 *
 *   <body>[~<case>].json          e.g. `Billing Queue.json`, `billing queue~g4.json`
 *   <prefix>~~<digest>.json       when the name would be longer than MAX_FILE_NAME_BYTES
 *
 * Body. The key itself, except that characters that are unsafe somewhere are written as `%XX`
 * (their UTF-8 bytes, upper-case hex), so ordinary names stay readable. Escaped are:
 *  - what Windows, macOS or Linux refuse or misread: / \ : * ? " < > |, C0 and C1 controls;
 *  - `%` and `~`, which the encoding itself uses;
 *  - a leading or trailing space or dot (hidden files, `.` and `..`, Windows trimming);
 *  - the first letter of a Windows device name (CON, NUL, COM1, LPT¹ …, also `con.txt`);
 *  - what hides what a name is: format controls (bidi overrides, zero-width joiners), line and
 *    paragraph separators, spaces other than U+0020, private-use characters, non-characters;
 *  - combining marks, conjoining Hangul jamo and anything NFC would change: HFS+ stores names
 *    decomposed and APFS compares them normalisation-insensitively, so only text that is NFC and
 *    has no marks of its own stays literal, and decoding re-composes what the disk hands back;
 *  - letters whose case mapping is not one-to-one (ß, ς, ſ, ı, İ, ǅ, the Kelvin sign …), which
 *    case-insensitive file systems fold together with other letters;
 *  - lone surrogates (as the 3-byte form WTF-8 gives them).
 *
 * Case. On case-insensitive file systems (macOS, Windows) `Billing` and `billing` are one file.
 * After the escaping above every literal letter has exactly one upper and one lower form, so case
 * is all such a file system can lose, and the `~<case>` suffix carries it in characters that have
 * no case: one bit per literal letter, set where the letter differs from Title Case (upper at the
 * start of a word, lower elsewhere), trailing zeros dropped, five bits per digit from 0-9a-v.
 * Title Case names need no suffix (`Billing Queue.json`); `billing queue` gets `~g4`, `VIP
 * Support` gets `~c`. Two keys that differ only in case differ in their suffix.
 *
 * Length. A name over MAX_FILE_NAME_BYTES keeps as much of the body as fits and ends in `~~` and
 * 20 hex digits of the key's SHA-256, which tells it apart from any other key (case included).
 * Such a name cannot be decoded alone: `fileNameToKey` returns undefined, `isShortenedFileName`
 * says why, and the reader takes the key from the file's content (`fileNameMatchesKey` checks it).
 *
 * Every key has exactly one file name: `fileNameToKey` accepts only names `keyToFileName` writes
 * (after NFC, since macOS may return decomposed names), so a renamed or hand-made file is noticed.
 */

export const FILE_NAME_EXTENSION = '.json';

/**
 * Under the 255-byte limit of ext4, APFS and NTFS with room to spare, and short enough that
 * `<workspace>/environments/<env>/snapshot/<type>/<name>` mostly stays under Windows' 260-character
 * path limit.
 */
export const MAX_FILE_NAME_BYTES = 160;

const DIGEST_HEX_DIGITS = 20;
const CASE_MARK = '~';
const SHORTENED_MARK = '~~';
const ESCAPE_MARK = '%';
const CASE_DIGITS = '0123456789abcdefghijklmnopqrstuv';
const ALWAYS_ESCAPED = new Set([...'/\\:*?"<>|', ESCAPE_MARK, CASE_MARK]);
const HIDDEN_OR_UNSTABLE = /[\p{M}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Zs}]/u;
const PART_OF_WORD = /[\p{L}\p{N}\p{M}'’]/u;

const WINDOWS_DEVICE_NAMES = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'CONIN$',
  'CONOUT$',
  ...['COM', 'LPT'].flatMap((port) => [...'0123456789¹²³'].map((digit) => `${port}${digit}`)),
]);

interface Token {
  readonly char: string;
  literal: boolean;
}

/** The file name of the object whose natural key is `key` (any non-empty string). */
export function keyToFileName(key: string): string {
  if (key.length === 0) {
    throw new FerryError(ModelErrorCode.keyInvalid, 'a natural key must not be empty');
  }
  const chars = Array.from(key);
  const tokens: Token[] = chars.map((char) => ({ char, literal: mayStayLiteral(char) }));
  escapeEdges(tokens);
  escapeDeviceName(tokens);
  const body = tokens.map(renderToken).join('');
  const casePattern = caseSuffix(chars, tokens);
  const name = `${body}${casePattern === '' ? '' : CASE_MARK + casePattern}${FILE_NAME_EXTENSION}`;
  return byteLength(name) <= MAX_FILE_NAME_BYTES ? name : shortenedName(key, tokens);
}

/**
 * The key `fileName` stands for, or undefined when it is not a name `keyToFileName` writes or
 * is a shortened one (see `isShortenedFileName`).
 */
export function fileNameToKey(fileName: string): string | undefined {
  const name = fileName.normalize('NFC');
  if (!name.endsWith(FILE_NAME_EXTENSION)) return undefined;
  const stem = name.slice(0, -FILE_NAME_EXTENSION.length);
  if (stem.includes(SHORTENED_MARK)) return undefined;
  const key = decodeBody(stem.split(CASE_MARK)[0] ?? '');
  if (key === undefined || key === '') return undefined;
  return keyToFileName(key) === name ? key : undefined;
}

/** True for names of over-long keys, whose key must be read from the file itself. */
export function isShortenedFileName(fileName: string): boolean {
  return fileName.endsWith(FILE_NAME_EXTENSION) && fileName.includes(SHORTENED_MARK);
}

/** Whether `fileName` is the name of `key`'s file; works for shortened names too. */
export function fileNameMatchesKey(fileName: string, key: string): boolean {
  return key !== '' && keyToFileName(key) === fileName.normalize('NFC');
}

function mayStayLiteral(char: string): boolean {
  const point = char.codePointAt(0) ?? 0;
  if (point < 0x20 || (point >= 0x7f && point <= 0x9f)) return false;
  if (ALWAYS_ESCAPED.has(char)) return false;
  if (char !== ' ' && HIDDEN_OR_UNSTABLE.test(char)) return false;
  if ((point & 0xfffe) === 0xfffe || (point >= 0xfdd0 && point <= 0xfdef)) return false;
  if (isConjoiningJamo(point)) return false;
  if (char.normalize('NFC') !== char) return false;
  return hasOneToOneCase(char);
}

function isConjoiningJamo(point: number): boolean {
  return (
    (point >= 0x1100 && point <= 0x11ff) ||
    (point >= 0xa960 && point <= 0xa97f) ||
    (point >= 0xd7b0 && point <= 0xd7ff)
  );
}

/** Uncased, or one of exactly two single characters that map to each other and nothing else. */
function hasOneToOneCase(char: string): boolean {
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  if (lower === upper) return lower === char;
  return (
    (char === lower || char === upper) &&
    Array.from(lower).length === 1 &&
    Array.from(upper).length === 1 &&
    lower.toUpperCase() === upper &&
    upper.toLowerCase() === lower &&
    lower.normalize('NFC') === lower &&
    upper.normalize('NFC') === upper
  );
}

function escapeEdges(tokens: Token[]): void {
  for (const token of [tokens[0], tokens[tokens.length - 1]]) {
    if (token !== undefined && (token.char === ' ' || token.char === '.')) token.literal = false;
  }
}

/** Windows reserves device names before any extension and ignoring trailing spaces. */
function escapeDeviceName(tokens: Token[]): void {
  let stem = '';
  for (const token of tokens) {
    if (token.literal && token.char === '.') break;
    if (!token.literal) return;
    stem += token.char;
  }
  const first = tokens[0];
  if (first !== undefined && WINDOWS_DEVICE_NAMES.has(stem.replace(/ +$/, '').toUpperCase())) {
    first.literal = false;
  }
}

function renderToken(token: Token): string {
  if (token.literal) return token.char;
  return [...encodeWtf8(token.char)]
    .map((byte) => ESCAPE_MARK + byte.toString(16).toUpperCase().padStart(2, '0'))
    .join('');
}

function caseSuffix(chars: readonly string[], tokens: readonly Token[]): string {
  const bits: boolean[] = [];
  tokens.forEach((token, index) => {
    if (!token.literal || token.char.toLowerCase() === token.char.toUpperCase()) return;
    const previous = chars[index - 1];
    const startsWord = previous === undefined || !PART_OF_WORD.test(previous);
    const isUpper = token.char !== token.char.toLowerCase();
    bits.push(isUpper !== startsWord);
  });
  const last = bits.lastIndexOf(true);
  let suffix = '';
  for (let start = 0; start <= last; start += 5) {
    let digit = 0;
    for (let bit = 0; bit < 5; bit += 1) digit = (digit << 1) | (bits[start + bit] === true ? 1 : 0);
    suffix += CASE_DIGITS[digit];
  }
  return suffix;
}

function shortenedName(key: string, tokens: readonly Token[]): string {
  const ending = `${SHORTENED_MARK}${sha256Hex(encodeWtf8(key)).slice(0, DIGEST_HEX_DIGITS)}${FILE_NAME_EXTENSION}`;
  let budget = MAX_FILE_NAME_BYTES - byteLength(ending);
  let prefix = '';
  for (const token of tokens) {
    const text = renderToken(token);
    const size = byteLength(text);
    if (size > budget) break;
    prefix += text;
    budget -= size;
  }
  return prefix + ending;
}

function decodeBody(body: string): string | undefined {
  let key = '';
  let index = 0;
  while (index < body.length) {
    if (body[index] !== ESCAPE_MARK) {
      const char = String.fromCodePoint(body.codePointAt(index) ?? 0);
      key += char;
      index += char.length;
      continue;
    }
    const bytes: number[] = [];
    while (body[index] === ESCAPE_MARK) {
      const hex = body.slice(index + 1, index + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      index += 3;
    }
    const decoded = decodeWtf8(bytes);
    if (decoded === undefined) return undefined;
    key += decoded;
  }
  return key;
}

function byteLength(text: string): number {
  return encodeWtf8(text).length;
}
