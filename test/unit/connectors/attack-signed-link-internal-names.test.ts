import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import {
  checkedSignedLink,
  type SignedLinkUse,
} from '../../../electron/services/connectors/genesys/signed-link';

/*
 * Attack (issue 18): the org picks an export's `downloadUrl` and an import's `presignedUrl`. Past
 * the addresses attack-signed-link-private-host covers, a link can still reach what only the
 * user's machine can: a name with no dot (`https://intranet/`, resolved through the company's
 * search domains), a name in a private-use zone (`metadata.google.internal`, `printer.local`,
 * `nas.home.arpa`), or an IPv4 address spelled inside IPv6 (IPv4-compatible, NAT64, 6to4). A
 * Genesys storage link is always a public host under a public domain, so none of these is
 * fetched, and nothing (no token, no flow file) is sent.
 */

const use: SignedLinkUse = {
  owner: 'flow',
  carries: 'flow files',
  code: 'flow.import-failed',
  thenRetry: 'try again',
  retries: 0,
};

const refusedLinks = [
  'https://intranet/upload',
  'https://metadata/computeMetadata/v1/',
  'https://intranet./upload',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://vault.corp.internal/upload',
  'https://printer.local/upload',
  'https://nas.home.arpa/upload',
  'https://router.localdomain/upload',
  'https://[::169.254.169.254]/latest/meta-data/',
  'https://[::127.0.0.1]:8443/upload',
  'https://[64:ff9b::169.254.169.254]/latest/meta-data/',
  'https://[64:ff9b::10.0.0.5]/upload',
  'https://[2002:a9fe:a9fe::1]/latest/meta-data/',
  'https://[2002:7f00:1::]/upload',
  'https://[::ffff:0:127.0.0.1]/upload',
  'https://[fec0::1]/upload',
  'https://198.18.0.1/upload',
  'https://224.0.0.1/upload',
  'https://255.255.255.255/upload',
];

describe('attack: a region org’s signed link to a private name or an IPv4 address inside IPv6', () => {
  for (const link of refusedLinks) {
    it(`refuses ${link}`, () => {
      assert.throws(
        () => checkedSignedLink(link, 'import upload link', use, false),
        (error: unknown) =>
          isFerryError(error) && error.code === 'genesys.destination-refused' && /public/.test(error.message),
      );
    });
  }

  it('public storage hosts, and public IPv6 addresses, are still followed', () => {
    for (const link of [
      'https://prod-us-east-1-flows.s3.amazonaws.com/x?X-Amz-Signature=abc',
      'https://s3.eu-west-1.amazonaws.com/bucket/x',
      'https://files.mypurecloud.ie/x',
      'https://[2606:4700::6810:84e5]/x',
      'https://[2002:0808:0808::1]/x',
      'https://internal.example.com/x',
      'https://local.example.com/x',
    ]) {
      assert.equal(checkedSignedLink(link, 'import upload link', use, false).href, new URL(link).href, link);
    }
  });
});
