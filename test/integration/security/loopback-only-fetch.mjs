// Preloaded (`node --import`) into a CLI child process by sdk-gateway.test.ts: fetch reaches
// loopback addresses only, and every other URL is written to stderr and fails, so the test can
// see where Ferry tried to go without ever contacting Genesys Cloud.
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname === '127.0.0.1') return realFetch(input, init);
  process.stderr.write(`offline-fetch: ${url.origin}${url.pathname}\n`);
  return Promise.reject(new TypeError('fetch failed (offline test)'));
};
