import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Decides what the proxy does with one request: pass it on, answer instead, or rewrite the reply body. */
export interface ProxyRule {
  answer?: (method: string, path: string) => { status: number; body: unknown } | null;
  rewrite?: (method: string, path: string, body: unknown) => unknown;
}

/**
 * A loopback proxy in front of the sandbox for replies the sandbox itself never gives
 * (a 403 on one type, a duplicate name, malformed JSON). Not a mock: every other call reaches
 * the real sandbox.
 */
export async function startFilteringProxy(
  target: string,
  rule: ProxyRule,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void forward(req).then(
      ({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      },
      () => {
        res.writeHead(502).end();
      },
    );
  });
  async function forward(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', target);
    const answer = rule.answer?.(method, url.pathname);
    if (answer) {
      return {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(answer.body),
      };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    }
    const response = await fetch(url, {
      method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    let text = await response.text();
    const type = response.headers.get('content-type') ?? 'application/json';
    if (rule.rewrite && type.includes('json') && text !== '') {
      text = JSON.stringify(rule.rewrite(method, url.pathname, JSON.parse(text)));
    }
    const passHeaders: Record<string, string> = { 'content-type': type };
    for (const name of [
      'retry-after',
      'inin-ratelimit-count',
      'inin-ratelimit-allowed',
      'inin-ratelimit-reset',
    ]) {
      const value = response.headers.get(name);
      if (value !== null) passHeaders[name] = value;
    }
    return { status: response.status, headers: passHeaders, body: text };
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
