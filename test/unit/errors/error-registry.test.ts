import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_CODE_BY_CLASS, ExitCode, exitCodeFor } from '../../../electron/host/cli/exit-codes';
import { ErrorCode, FerryError, ferryErrorFromApi } from '../../../shared/api/api-error';
import {
  errorEntryFor,
  errorRegistry,
  isErrorCode,
  type ErrorClass,
} from '../../../shared/errors/error-registry';

const CLASSES: readonly ErrorClass[] = ['bad-input', 'refused', 'failed'];

describe('the error registry', () => {
  it('gives every code a class and a meaning and next step written for a person', () => {
    const entries = Object.entries(errorRegistry);
    assert.ok(entries.length > 90, `only ${entries.length} codes registered`);
    for (const [code, entry] of entries) {
      assert.match(code, /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, `${code} is not a dotted lower-case code`);
      assert.ok(CLASSES.includes(entry.class), `${code} has class ${String(entry.class)}`);
      for (const text of [entry.message, entry.nextStep]) {
        assert.ok(text.trim().length > 0, `${code} has an empty text`);
        assert.match(text, /^[A-Z"`]/, `${code}: "${text}" does not start a sentence`);
        assert.match(text, /[.!?]$/, `${code}: "${text}" does not end a sentence`);
      }
    }
  });

  it('registers every named ErrorCode constant', () => {
    for (const code of Object.values(ErrorCode)) assert.ok(isErrorCode(code), code);
  });

  it('maps each class to its exit code: bad input 2, refused 3, failed 1', () => {
    assert.deepEqual(EXIT_CODE_BY_CLASS, { 'bad-input': 2, refused: 3, failed: 1 });
    for (const [code, entry] of Object.entries(errorRegistry)) {
      assert.equal(exitCodeFor(code), EXIT_CODE_BY_CLASS[entry.class], code);
    }
  });

  it('keeps the exit codes pipelines rely on, and fixes the two the issue names', () => {
    assert.equal(exitCodeFor('usage'), ExitCode.badInput);
    assert.equal(exitCodeFor('request.invalid'), ExitCode.badInput);
    assert.equal(exitCodeFor('vault.wrong-passphrase'), ExitCode.badInput);
    assert.equal(exitCodeFor('package.too-large'), ExitCode.badInput);
    assert.equal(exitCodeFor('gate.refused'), ExitCode.refused);
    assert.equal(exitCodeFor('conflict'), ExitCode.refused);
    assert.equal(exitCodeFor('trust.unverified'), ExitCode.refused);
    assert.equal(exitCodeFor('package.rejected'), ExitCode.failed);
    assert.equal(exitCodeFor('internal'), ExitCode.failed);
  });

  it('reads an unregistered code as a plain failure, and a Genesys status as its family', () => {
    assert.equal(exitCodeFor('no.such-code'), ExitCode.failed);
    assert.equal(errorEntryFor('no.such-code'), errorRegistry.internal);
    assert.ok(isErrorCode('genesys.http-405'));
    assert.ok(!isErrorCode('genesys.http-teapot'));
    assert.equal(errorEntryFor('genesys.http-405').class, 'failed');
  });

  it('rebuilds a renderer-side error from the wire, an unknown code as internal with the code kept', () => {
    const known = ferryErrorFromApi({ code: 'vault.locked', message: 'locked', details: { a: 1 } });
    assert.ok(known instanceof FerryError);
    assert.deepEqual(known.toApiError(), { code: 'vault.locked', message: 'locked', details: { a: 1 } });
    const unknown = ferryErrorFromApi({ code: 'from.the-future', message: 'new' });
    assert.deepEqual(unknown.toApiError(), {
      code: 'internal',
      message: 'new',
      details: { code: 'from.the-future' },
    });
  });
});
