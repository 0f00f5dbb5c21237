import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeError, saysWhatToDo } from '../../../shared/errors/describe-error';
import { errorRegistry } from '../../../shared/errors/error-registry';

describe('describeError', () => {
  it("adds the registry's next step to a message that gives none", () => {
    assert.equal(
      describeError({ code: 'vault.wrong-passphrase', message: 'The vault could not be opened' }),
      `The vault could not be opened. ${errorRegistry['vault.wrong-passphrase'].nextStep}`,
    );
    assert.equal(
      describeError({ code: 'environment.not-found', message: 'No environment named "qa".' }),
      `No environment named "qa". ${errorRegistry['environment.not-found'].nextStep}`,
    );
  });

  it('leaves a message that already says what to do as it is', () => {
    for (const message of [
      "That is not the vault's passphrase; try again",
      'This machine has no signing key yet; run `ferry key init` first',
      'Title must not be empty. Correct it and try again.',
      'x.json is a link, not a lock file Ferry wrote; check nobody is promoting, then delete it',
    ]) {
      assert.ok(saysWhatToDo(message), message);
      assert.equal(describeError({ code: 'request.invalid', message }), message);
    }
  });

  it('does not take "Run <id>" naming a run for an instruction', () => {
    assert.ok(!saysWhatToDo('Run 4f2c has no change-control document'));
  });

  it("falls back to the registry's meaning for an empty message and an unknown code", () => {
    assert.equal(
      describeError({ code: 'no.such-code', message: '' }),
      `${errorRegistry.internal.message} ${errorRegistry.internal.nextStep}`,
    );
  });
});
