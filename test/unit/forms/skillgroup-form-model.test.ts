import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  conditionProblems,
  conditionTerms,
  conditionText,
  hasNestedConditions,
  isEditableCondition,
  isEditableTerm,
  proficiencyProblem,
  skillConditions,
  TERM_KINDS,
  termChildConditions,
  termName,
  termProblems,
  withConditionAdded,
  withConditionRemoved,
  withOperation,
  withTermAdded,
  withTermComparator,
  withTermName,
  withTermProficiency,
  withTermRemoved,
} from '../../../renderer/src/features/changesets/forms/skillgroup-form-model';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { normalizeCanonical } from '../../../shared/model/canonical/canonicalize';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { frozenCopy } from './form-test-support';

const skill = (name: string) => ({ $ref: 'routing.skill', name });
const language = (name: string) => ({ $ref: 'routing.language', name });

const nestedChild = {
  languageSkillConditions: [],
  operation: 'Or',
  routingSkillConditions: [
    { comparator: 'EqualTo', proficiency: 5, routingSkill: skill('Series 7') },
    { comparator: 'EqualTo', proficiency: 5, routingSkill: skill('Series 6') },
  ],
};

// As a canonical snapshot holds a group: the second skill term nests a condition of its own.
const group = frozenCopy({
  name: 'Billing Linguists',
  description: 'Billing, and French',
  division: { $ref: 'authorization.division', name: 'Home' },
  skillConditions: [
    {
      languageSkillConditions: [
        { comparator: 'GreaterThan', languageSkill: language('French'), proficiency: 2 },
      ],
      operation: 'Or',
      routingSkillConditions: [
        { comparator: 'GreaterThanOrEqualTo', proficiency: 4, routingSkill: skill('Billing') },
        {
          childConditions: [nestedChild],
          comparator: 'GreaterThanOrEqualTo',
          proficiency: 2,
          routingSkill: skill('Refunds'),
        },
      ],
    },
  ],
});

describe('skill group form model', () => {
  it('asks the catalog for skills and languages by their types', () => {
    assert.equal(TERM_KINDS.routing.catalog, 'routing.skill');
    assert.equal(TERM_KINDS.language.catalog, 'routing.language');
  });

  it('reads the conditions and their terms by name', () => {
    assert.equal(skillConditions(group).length, 1);
    assert.equal(isEditableCondition(group, 0), true);
    assert.equal(termName(group, 0, 'routing', 0), 'Billing');
    assert.equal(termName(group, 0, 'language', 0), 'French');
    assert.deepEqual(termProblems(group, 0, 'routing', 0), []);
    assert.deepEqual(conditionProblems(group, 0), []);
    assert.deepEqual(checkCanonicalObject('routing.skillgroup', group), []);
  });

  it('keeps nested child conditions through every edit of the term, its condition and its neighbours', () => {
    let edited: JsonObject = group;
    edited = withTermComparator(edited, 0, 'routing', 1, 'GreaterThan');
    edited = withTermProficiency(edited, 0, 'routing', 1, 3);
    edited = withTermName(edited, 0, 'routing', 1, 'Payments');
    edited = withOperation(edited, 0, 'And');
    edited = withTermAdded(edited, 0, 'language');
    edited = withTermName(edited, 0, 'language', 0, 'Welsh');
    edited = withTermRemoved(edited, 0, 'routing', 0);
    edited = withConditionAdded(edited);
    assert.deepEqual(conditionTerms(edited, 0, 'routing'), [
      {
        childConditions: [nestedChild],
        comparator: 'GreaterThan',
        proficiency: 3,
        routingSkill: skill('Payments'),
      },
    ]);
    assert.deepEqual(termChildConditions(edited, 0, 'routing', 0), [nestedChild]);
    assert.equal(hasNestedConditions(edited), true);
    // What the state saves keeps them too.
    const saved = normalizeCanonical('routing.skillgroup', edited);
    assert.deepEqual(
      ((saved.skillConditions as JsonObject[])[0]?.routingSkillConditions as JsonObject[])[0]
        ?.childConditions,
      [
        {
          ...nestedChild,
          routingSkillConditions: [
            { comparator: 'EqualTo', proficiency: 5, routingSkill: skill('Series 6') },
            { comparator: 'EqualTo', proficiency: 5, routingSkill: skill('Series 7') },
          ],
        },
      ],
    );
  });

  it('shows nested conditions in one line, names and comparisons included', () => {
    assert.equal(
      conditionText(skillConditions(group)[0] ?? null),
      '(skill “Billing” ≥ 4 Or skill “Refunds” ≥ 2, nesting (skill “Series 7” = 5 Or skill “Series 6” = 5) Or language “French” > 2)',
    );
    assert.equal(hasNestedConditions(withTermRemoved(group, 0, 'routing', 1)), false);
  });

  it('adds a term where canonical form puts it, with a comparison and proficiency ready', () => {
    const added = withTermAdded(group, 0, 'routing');
    const terms = conditionTerms(added, 0, 'routing');
    assert.equal(terms.length, 3);
    assert.deepEqual(terms[0], { comparator: 'GreaterThanOrEqualTo', proficiency: 0 }, 'no skill yet: first');
    assert.deepEqual(termProblems(added, 0, 'routing', 0), ['Pick the skill this term compares.']);
    const named = withTermName(added, 0, 'routing', 0, 'Accounts');
    assert.deepEqual(termProblems(named, 0, 'routing', 0), []);
    assert.deepEqual(checkCanonicalObject('routing.skillgroup', named), []);
  });

  it('says in words when a proficiency is out of range, not whole, or missing', () => {
    const high = withTermProficiency(group, 0, 'language', 0, 7);
    assert.deepEqual(termProblems(high, 0, 'language', 0), [
      'The proficiency 7 is out of range: Genesys takes a whole number from 0 to 5.',
    ]);
    assert.match(proficiencyProblem(2.5) ?? '', /not a whole number from 0 to 5/);
    assert.match(proficiencyProblem(-1) ?? '', /out of range/);
    assert.match(proficiencyProblem(undefined) ?? '', /Give the proficiency/);
    assert.equal(proficiencyProblem(0), null);
    assert.equal(proficiencyProblem(5), null);
    assert.equal(proficiencyProblem({ $param: 'billingLevel' }), null, 'each environment gives it');
  });

  it('points out an unknown comparator or operation, and a condition with no terms', () => {
    const odd = withOperation(withTermComparator(group, 0, 'routing', 0, 'AtLeast'), 0, 'Xor');
    assert.match(termProblems(odd, 0, 'routing', 0)[0] ?? '', /does not know the comparator "AtLeast"/);
    assert.match(conditionProblems(odd, 0)[0] ?? '', /And or Or, not "Xor"/);
    const cleared = withTermComparator(group, 0, 'routing', 0, undefined);
    assert.match(termProblems(cleared, 0, 'routing', 0)[0] ?? '', /Pick how the proficiency compares/);
    const empty = withConditionAdded(group);
    assert.deepEqual(skillConditions(empty)[1], {
      languageSkillConditions: [],
      operation: 'And',
      routingSkillConditions: [],
    });
    assert.deepEqual(conditionProblems(empty, 1), [
      'This condition names no skill or language: add one, or remove the condition.',
    ]);
  });

  it('removes a term and a condition, leaving empty lists rather than dropping the fields', () => {
    const noFrench = withTermRemoved(group, 0, 'language', 0);
    assert.deepEqual(conditionTerms(noFrench, 0, 'language'), []);
    assert.equal(conditionTerms(noFrench, 0, 'routing').length, 2);
    const none = withConditionRemoved(group, 0);
    assert.deepEqual(none.skillConditions, []);
    assert.deepEqual(withConditionRemoved(withConditionAdded(group), 1), group);
  });

  it('leaves a condition the form cannot edit as it is', () => {
    const parameterised = frozenCopy({ ...group, skillConditions: [{ $param: 'billingCondition' }] });
    assert.equal(isEditableCondition(parameterised, 0), false);
    assert.deepEqual(conditionProblems(parameterised, 0), []);
    assert.equal(hasNestedConditions(parameterised), false);
    assert.equal(conditionText({ $param: 'billingCondition' }), 'parameter billingCondition');
    const termParameter = frozenCopy({
      ...group,
      skillConditions: [
        {
          languageSkillConditions: [],
          operation: 'And',
          routingSkillConditions: [{ $param: 'billingTerm' }],
        },
      ],
    });
    assert.equal(isEditableTerm(termParameter, 0, 'routing', 0), false);
    assert.deepEqual(termProblems(termParameter, 0, 'routing', 0), []);
  });
});
