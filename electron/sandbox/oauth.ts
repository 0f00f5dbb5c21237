import { randomBytes } from 'node:crypto';
import type { OrgKey } from './org-state';

export { DEMO_CLIENTS, type DemoClient } from '../../shared/sandbox/demo-clients';
import type { DemoClient } from '../../shared/sandbox/demo-clients';

/** Genesys's default OAuth client token lifetime (24 h). */
export const DEFAULT_TOKEN_TTL_SECONDS = 86_400;

export interface TokenSession {
  token: string;
  org: OrgKey;
  clientId: string;
  expiresAt: number;
}

export type TokenCheck =
  { ok: true; session: TokenSession } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/** The OAuth error body the Genesys login service answers with (not the API error shape). */
export interface OAuthErrorBody {
  error: string;
  description: string;
  error_description: string;
}

export type TokenGrant =
  | { ok: true; body: { access_token: string; token_type: 'bearer'; expires_in: number }; org: OrgKey }
  | { ok: false; status: number; body: OAuthErrorBody };

export class TokenService {
  private readonly sessions = new Map<string, TokenSession>();

  constructor(
    private readonly clients: Readonly<Record<OrgKey, DemoClient>>,
    private readonly ttlSeconds: number,
    private readonly clock: () => number,
  ) {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new Error(`token ttl must be a positive number of seconds, got ${ttlSeconds}`);
    }
  }

  /** `POST /oauth/token`: Basic auth header plus form body `grant_type=client_credentials`. */
  grant(authorization: string | undefined, formBody: string): TokenGrant {
    const grantType = new URLSearchParams(formBody).get('grant_type');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
    }
    const credentials = readBasicCredentials(authorization);
    if (!credentials) return oauthError(401, 'invalid_client', 'client authentication failed');
    const org = (Object.keys(this.clients) as OrgKey[]).find(
      (key) =>
        this.clients[key].clientId === credentials.clientId &&
        this.clients[key].clientSecret === credentials.clientSecret,
    );
    if (!org) return oauthError(401, 'invalid_client', 'client authentication failed');
    this.dropExpired();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, {
      token,
      org,
      clientId: credentials.clientId,
      expiresAt: this.clock() + this.ttlSeconds * 1000,
    });
    return {
      ok: true,
      org,
      body: { access_token: token, token_type: 'bearer', expires_in: this.ttlSeconds },
    };
  }

  check(authorization: string | undefined): TokenCheck {
    const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, reason: 'missing' };
    const session = this.sessions.get(match[1]);
    if (!session) return { ok: false, reason: 'unknown' };
    if (this.clock() >= session.expiresAt) {
      this.sessions.delete(session.token);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, session };
  }

  private dropExpired(): void {
    const now = this.clock();
    for (const [token, session] of this.sessions) {
      if (now >= session.expiresAt) this.sessions.delete(token);
    }
  }
}

function readBasicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function oauthError(status: number, error: string, description: string): TokenGrant {
  return { ok: false, status, body: { error, description, error_description: description } };
}
