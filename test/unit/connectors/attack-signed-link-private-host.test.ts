import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import {
  checkedSignedLink,
  type SignedLinkUse,
} from '../../../electron/services/connectors/genesys/signed-link';

/*
 * Attack (issue 18): an org's export job answers with a `downloadUrl` (an import job with a
 * `presignedUrl`) of its choosing. For a real region Ferry only asked for https, so a link to
 * https://127.0.0.1:<any port>, the cloud metadata address or a private network made Ferry, on
 * the user's machine, GET (or PUT a flow file to) a service only that machine can reach. No token
 * goes there, but the request itself must not be made: storage links are public hosts.
 */

const use: SignedLinkUse = {
  owner: 'flow',
  carries: 'flow files',
  code: 'flow.export-failed',
  thenRetry: 'try again',
  retries: 0,
};

const refusedLinks = [
  'https://127.0.0.1:8443/export.yaml',
  'https://127.9.9.9/export.yaml',
  'https://localhost:9000/export.yaml',
  'https://files.localhost/export.yaml',
  'https://[::1]:8443/export.yaml',
  'https://[::ffff:127.0.0.1]/export.yaml',
  'https://169.254.169.254/latest/meta-data/',
  'https://10.0.0.5/export.yaml',
  'https://172.16.3.4/export.yaml',
  'https://192.168.1.20/export.yaml',
  'https://0.0.0.0/export.yaml',
  'https://2130706433/export.yaml',
  'https://0x7f.1/export.yaml',
  'https://[fe80::1]/export.yaml',
  'https://[fd00::1]/export.yaml',
];

describe('attack: a region org’s signed link to this machine or a private network', () => {
  for (const link of refusedLinks) {
    it(`refuses ${link}`, () => {
      assert.throws(
        () => checkedSignedLink(link, 'export download link', use, false),
        (error: unknown) =>
          isFerryError(error) && error.code === 'genesys.destination-refused' && /public/.test(error.message),
      );
    });
  }

  it('a public storage host is still followed', () => {
    const url = checkedSignedLink(
      'https://prod-us-east-1-flows.s3.amazonaws.com/export.yaml?X-Amz-Signature=abc',
      'export download link',
      use,
      false,
    );
    assert.equal(url.hostname, 'prod-us-east-1-flows.s3.amazonaws.com');
    assert.equal(checkedSignedLink('https://172.32.0.1/x', 'link', use, false).hostname, '172.32.0.1');
  });

  it('a sandbox’s links on this machine are still followed', () => {
    assert.equal(checkedSignedLink('http://127.0.0.1:4010/x', 'link', use, true).port, '4010');
  });
});
