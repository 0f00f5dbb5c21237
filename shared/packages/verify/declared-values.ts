/**
 * Package verification, the values a package declares (issue 15): the parameters its changeset
 * needs from each target and the names it relies on mapping must be exactly those the changeset
 * uses. Apart because it reads the signed statement against the packaged changeset and nothing
 * else; a package made before parameters passes when its changeset uses none.
 */
import type { Changeset } from '../../model/changeset';
import type { PackageCheck } from '../../model/package-wire';
import type { PackageStatement } from '../package-format';
import { declarationProblems, describeDeclared } from '../package-parameters';
import { fail, pass } from './check-result';

export function declaredValuesCheck(statement: PackageStatement, changeset: Changeset): PackageCheck {
  const { parameters, mappings } = statement.predicate;
  const problems = declarationProblems(changeset, parameters, mappings);
  if (problems.length > 0) return fail('parameters', `${problems.join('; ')}; refused`);
  if (parameters === undefined || parameters.length === 0)
    return pass('parameters', 'the changeset uses no parameters');
  return pass(
    'parameters',
    `declares ${describeDeclared(parameters)}: exactly the parameters its changeset uses (names and types; each target has its own values)`,
  );
}
