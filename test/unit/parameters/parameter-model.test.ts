import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChangeset } from '../../../shared/changeset/validate-changeset';
import type { Changeset } from '../../../shared/model/changeset';
import { parameterNameProblem, secretParameterVariable } from '../../../shared/parameters/parameter-name';
import { parseParameterText, parameterValueProblem } from '../../../shared/parameters/parameter-types';
import { mappingProblem, parametersFileSchema } from '../../../shared/parameters/parameters-file';

describe('parameter values are checked by their type', () => {
  const cases: [Parameters<typeof parseParameterText>[0], string, unknown][] = [
    ['string', 'Billing', 'Billing'],
    ['number', '42', 42],
    ['number', '-1.5e3', -1500],
    ['boolean', 'TRUE', true],
    ['phone', '+442079460000', '+442079460000'],
    ['email', 'billing@example.com', 'billing@example.com'],
    ['url', 'https://crm.example.com/v1?x=1', 'https://crm.example.com/v1?x=1'],
    [
      'reference',
      'authorization.division:Customer Care',
      { $ref: 'authorization.division', name: 'Customer Care' },
    ],
    ['secret', 's3cret-token', 's3cret-token'],
  ];
  for (const [type, text, value] of cases) {
    it(`${type}: "${text}" is accepted`, () => {
      assert.deepEqual(parseParameterText(type, text), { ok: true, value });
    });
  }
  const refused: [Parameters<typeof parseParameterText>[0], string, RegExp][] = [
    ['number', '12abc', /number/],
    ['number', '', /number/],
    ['boolean', 'yes', /true or false/],
    ['phone', '020 7946 0000', /E\.164/],
    ['phone', '+0123', /E\.164/],
    ['email', 'billing@', /email/],
    ['email', 'a b@example.com', /email/],
    ['url', 'ftp://example.com', /URL/],
    ['url', 'crm.example.com', /URL/],
    ['reference', 'Customer Care', /<type>:<name>/],
    ['reference', 'no.such.type:Thing', /object type/],
    ['secret', '', /8 to 4096 characters/],
    ['secret', '1234', /short value is no secret/],
  ];
  for (const [type, text, problem] of refused) {
    it(`${type}: "${text}" is refused, saying what is expected`, () => {
      const parsed = parseParameterText(type, text);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.problem, problem);
    });
  }
  it('a value of another JSON type is refused', () => {
    assert.notEqual(parameterValueProblem('string', 12), null);
    assert.notEqual(parameterValueProblem('number', Infinity), null);
    assert.notEqual(parameterValueProblem('reference', { $ref: 'routing.queue', name: 'Q', id: 'x' }), null);
  });
});

describe('parameter names', () => {
  it('are identifiers: no dots, slashes, spaces or a leading digit', () => {
    assert.equal(parameterNameProblem('billingCallingNumber'), null);
    assert.equal(parameterNameProblem('crm_api_url2'), null);
    for (const bad of [
      'billing.number',
      '../x',
      'a/b',
      'a b',
      '1st',
      '',
      '__proto__x'.replace('x', '-'),
      'a'.repeat(65),
    ]) {
      assert.notEqual(parameterNameProblem(bad), null, bad);
    }
  });
  it('map to a pipeline variable', () => {
    assert.equal(secretParameterVariable('prod-eu', 'crmToken'), 'FERRY_PARAM_PROD_EU_CRMTOKEN');
  });
});

describe('mappings', () => {
  it('accepts a name mapped once to a name not mapped itself', () => {
    assert.equal(mappingProblem('authorization.division', { 'Customer Service': 'Customer Care' }), null);
  });
  it('refuses a cycle, a chain, a self-mapping and two names for one, naming them', () => {
    assert.match(mappingProblem('authorization.division', { A: 'B', B: 'A' }) ?? '', /"A" and "B".*cycle/);
    assert.match(
      mappingProblem('authorization.division', { A: 'B', B: 'C' }) ?? '',
      /"A" is mapped to "B", which is mapped to "C".*chain/,
    );
    assert.match(mappingProblem('authorization.division', { A: 'A' }) ?? '', /itself/);
    assert.match(mappingProblem('authorization.division', { A: 'C', B: 'C' }) ?? '', /both "A" and "B"/);
  });
});

describe('the parameters file is parsed strictly', () => {
  const base = { formatVersion: 1, parameters: {}, mappings: {} };
  it('refuses a secret that carries a value, an ill-typed value, an unknown type or field', () => {
    assert.equal(
      parametersFileSchema.safeParse({ ...base, parameters: { t: { type: 'secret', value: 'leak' } } })
        .success,
      false,
    );
    assert.equal(
      parametersFileSchema.safeParse({ ...base, parameters: { n: { type: 'phone', value: '0207' } } })
        .success,
      false,
    );
    assert.equal(
      parametersFileSchema.safeParse({ ...base, parameters: { n: { type: 'colour', value: 'red' } } })
        .success,
      false,
    );
    assert.equal(
      parametersFileSchema.safeParse({ ...base, parameters: { n: { type: 'string', value: 'x', extra: 1 } } })
        .success,
      false,
    );
    assert.equal(
      parametersFileSchema.safeParse({ ...base, parameters: { 'a.b': { type: 'string', value: 'x' } } })
        .success,
      false,
    );
  });
  it('refuses mappings of unknown types and chains', () => {
    assert.equal(
      parametersFileSchema.safeParse({ ...base, mappings: { 'no.such': { A: 'B' } } }).success,
      false,
    );
    assert.equal(
      parametersFileSchema.safeParse({ ...base, mappings: { 'authorization.division': { A: 'B', B: 'C' } } })
        .success,
      false,
    );
    assert.equal(
      parametersFileSchema.safeParse({ ...base, mappings: { 'authorization.division': { A: 'B' } } }).success,
      true,
    );
  });
});

describe('a changeset may hold {"$param"} wherever a value depends on the environment', () => {
  const changeset = (body: Record<string, unknown>): Changeset => ({
    formatVersion: 1,
    id: 'param-check',
    title: 'Parameters',
    description: '',
    ticket: '',
    author: 'Pat',
    createdAt: '2026-12-01T10:00:00.000Z',
    operations: [{ op: 'create', type: 'routing.queue', key: 'Billing', body: { name: 'Billing', ...body } }],
  });
  const errors = (body: Record<string, unknown>) =>
    validateChangeset(changeset(body), null).findings.filter((finding) => finding.severity === 'error');

  it('at a text field and at a reference position, without a schema error', () => {
    assert.deepEqual(errors({ callingPartyNumber: { $param: 'billingNumber' } }), []);
    assert.deepEqual(errors({ division: { $param: 'billingDivision' } }), []);
  });
  it('but a name that could never be set is an error at its position', () => {
    const found = errors({ callingPartyNumber: { $param: 'billing.number' } });
    assert.equal(found.length, 1);
    assert.equal(found[0]?.path, 'operations[0].body.callingPartyNumber');
    assert.match(found[0]?.message ?? '', /cannot exist/);
  });
  it('and the natural key cannot be a parameter', () => {
    const input = changeset({});
    const operation = input.operations[0];
    assert.ok(operation?.op === 'create');
    operation.body.name = { $param: 'queueName' };
    assert.ok(validateChangeset(input, null).findings.some((finding) => finding.severity === 'error'));
  });
});
