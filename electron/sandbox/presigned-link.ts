import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Pre-signed storage links as S3 hands them out for Architect jobs: the link carries its own
 * credential in its query (`X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
 * `X-Amz-Signature`), signed over the method, the path, the time window and the values of the
 * headers the upload must send. Changing any of them (a forged path, a longer expiry, another
 * Content-Type) breaks the signature; a link past its window is refused; and, as S3 does, a request
 * that also carries an Authorization header is refused, so a client that sends its bearer token to
 * storage finds out here rather than in production.
 */

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Why a storage request was refused, in S3's terms (its `<Error><Code>`). */
export interface LinkRefusal {
  status: number;
  code: 'InvalidArgument' | 'AccessDenied' | 'SignatureDoesNotMatch';
  message: string;
}

/** `20261207T091500Z`, S3's `X-Amz-Date`. */
function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0);
}

export class LinkSigner {
  /** A secret per sandbox run: links outlive nothing but the process, as the jobs do. */
  private readonly secret = randomBytes(32);

  /**
   * The query string that makes `method path` good for `ttlSeconds` from `nowMs`, for a request
   * carrying exactly these header values (names are matched case-insensitively).
   */
  sign(
    method: 'GET' | 'PUT',
    path: string,
    headers: Readonly<Record<string, string>>,
    nowMs: number,
    ttlSeconds: number,
  ): string {
    const names = Object.keys(headers)
      .map((name) => name.toLowerCase())
      .sort();
    const values = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const query = new URLSearchParams({
      'X-Amz-Algorithm': ALGORITHM,
      'X-Amz-Date': amzDate(nowMs),
      'X-Amz-Expires': String(ttlSeconds),
      'X-Amz-SignedHeaders': names.join(';'),
    });
    query.set(
      'X-Amz-Signature',
      this.signature(
        method,
        path,
        query,
        names.map((name) => values[name] ?? ''),
      ),
    );
    return query.toString();
  }

  /** Null when the request may go ahead; otherwise S3's refusal. */
  verify(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    nowMs: number,
  ): LinkRefusal | null {
    if (headers.authorization !== undefined) {
      return {
        status: 400,
        code: 'InvalidArgument',
        message:
          'Only one auth mechanism allowed: this link is signed in its query, so the request must not carry an Authorization header.',
      };
    }
    const date = query.get('X-Amz-Date');
    const expires = query.get('X-Amz-Expires');
    const signed = query.get('X-Amz-SignedHeaders');
    const given = query.get('X-Amz-Signature');
    if (
      query.get('X-Amz-Algorithm') !== ALGORITHM ||
      date === null ||
      expires === null ||
      signed === null ||
      given === null
    ) {
      return {
        status: 403,
        code: 'AccessDenied',
        message:
          'Query-string authentication requires the X-Amz-Algorithm, Date, Expires, SignedHeaders and Signature parameters.',
      };
    }
    const names = signed === '' ? [] : signed.split(';');
    const values = names.map((name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(',') : (value ?? '');
    });
    const expected = Buffer.from(this.signature(method, path, query, values), 'utf8');
    const actual = Buffer.from(given, 'utf8');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Use the link and the headers exactly as the job handed them out.',
      };
    }
    const start = parseAmzDate(date);
    const seconds = Number(expires);
    if (start === null || !Number.isInteger(seconds) || nowMs >= start + seconds * 1000) {
      return { status: 403, code: 'AccessDenied', message: 'Request has expired.' };
    }
    return null;
  }

  private signature(method: string, path: string, query: URLSearchParams, headerValues: string[]): string {
    const canonical = [
      method,
      path,
      query.get('X-Amz-Algorithm') ?? '',
      query.get('X-Amz-Date') ?? '',
      query.get('X-Amz-Expires') ?? '',
      query.get('X-Amz-SignedHeaders') ?? '',
      ...headerValues,
    ].join('\n');
    return createHmac('sha256', this.secret).update(canonical).digest('hex');
  }
}
