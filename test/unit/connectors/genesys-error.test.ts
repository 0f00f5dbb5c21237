import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import {
  apiErrorFromResponse,
  errorCodeForStatus,
  GenesysApiError,
  GenesysErrorCode,
} from '../../../electron/services/connectors/genesys/genesys-error';

describe('errorCodeForStatus', () => {
  it('maps each HTTP status to a stable Ferry code', () => {
    const table: [number, string][] = [
      [400, 'genesys.bad-request'],
      [401, 'genesys.unauthorized'],
      [403, 'genesys.forbidden'],
      [404, 'genesys.not-found'],
      [409, 'conflict'],
      [429, 'genesys.rate-limited'],
      [500, 'genesys.server-error'],
      [502, 'genesys.server-error'],
      [503, 'genesys.server-error'],
      [504, 'genesys.server-error'],
      [405, 'genesys.http-405'],
      [413, 'genesys.http-413'],
    ];
    for (const [status, code] of table) assert.equal(errorCodeForStatus(status), code, `HTTP ${status}`);
  });
});

describe('apiErrorFromResponse', () => {
  const body = {
    message: 'The queue was not found.',
    code: 'not.found',
    status: 404,
    contextId: '6c0b1f4e-9b1e-4d3e-8f67-0d5e3a1b2c3d',
    details: [],
    errors: [],
  };

  it('is a typed FerryError carrying status, method, path, Genesys code and contextId', () => {
    const error = apiErrorFromResponse(404, body, 'GET', '/api/v2/routing/queues/q1');
    assert.ok(error instanceof GenesysApiError);
    assert.ok(error instanceof FerryError);
    assert.equal(error.code, GenesysErrorCode.notFound);
    assert.equal(error.status, 404);
    assert.deepEqual(error.details, {
      status: 404,
      method: 'GET',
      path: '/api/v2/routing/queues/q1',
      genesysCode: 'not.found',
      contextId: body.contextId,
    });
    assert.equal(error.message, 'GET /api/v2/routing/queues/q1 failed: The queue was not found. (not.found)');
    assert.deepEqual(error.toApiError(), {
      code: error.code,
      message: error.message,
      details: error.details,
    });
  });

  it('turns a 409 into a conflict', () => {
    const error = apiErrorFromResponse(
      409,
      { message: 'Version does not match current version.', code: 'general.conflict' },
      'PUT',
      '/api/v2/architect/schedules/s1',
    );
    assert.equal(error.code, 'conflict');
    assert.equal(error.status, 409);
  });

  it('turns a 409 without a body into a conflict too', () => {
    assert.equal(apiErrorFromResponse(409, null, 'PUT', '/x').code, 'conflict');
  });

  it('treats a 400 about a stale version as a conflict, the way the terraform provider does', () => {
    for (const message of [
      'Version does not match current version.',
      'The version 3 does not match the current version 4',
      'Resource conflict - Unexpected version was provided',
    ]) {
      const error = apiErrorFromResponse(400, { message, code: 'bad.request' }, 'PUT', '/api/v2/x/1');
      assert.equal(error.code, 'conflict', message);
      assert.equal(error.status, 400);
      assert.equal(error.details?.genesysCode, 'bad.request');
    }
  });

  it('leaves other 400s as bad requests', () => {
    const error = apiErrorFromResponse(
      400,
      { message: 'name must not be empty', code: 'bad.request' },
      'POST',
      '/api/v2/x',
    );
    assert.equal(error.code, GenesysErrorCode.badRequest);
  });

  it('copes with bodies that are not Genesys error bodies', () => {
    for (const odd of [null, '<html>Bad Gateway</html>', 42, [], { message: 7 }]) {
      const error = apiErrorFromResponse(502, odd, 'GET', '/api/v2/routing/skills');
      assert.equal(error.code, GenesysErrorCode.serverError);
      assert.equal(error.message, 'GET /api/v2/routing/skills failed: HTTP 502');
      assert.equal(error.details?.genesysCode, undefined);
      assert.equal(error.details?.contextId, undefined);
    }
  });

  it('carries only the message and code from the body, never echoed headers or tokens', () => {
    const leaky = {
      message: 'Invalid login credentials.',
      code: 'bad.credentials',
      contextId: 'ctx-1',
      headers: { Authorization: 'Bearer tok-should-not-appear' },
      token: 'tok-should-not-appear',
      messageParams: { secret: 'tok-should-not-appear' },
    };
    const error = apiErrorFromResponse(401, leaky, 'GET', '/api/v2/organizations/me');
    assert.equal(error.code, GenesysErrorCode.unauthorized);
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error.toApiError())}`;
    assert.doesNotMatch(everything, /tok-should-not-appear|Bearer|Authorization/);
  });
});
