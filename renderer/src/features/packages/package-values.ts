import type { DeclaredParameter, EnvironmentNeeds } from '../../../../shared/model/package-wire';
import { referenceTypeLabel } from '../../../../shared/model/object-types/unmanaged-reference-types';
import { needsNothing } from '../../../../shared/packages/package-parameters';

/** `billingCallingNumber (phone), crmToken (secret)`, or null for a package made before parameters. */
export function declaredParametersText(parameters: readonly DeclaredParameter[] | undefined): string | null {
  if (parameters === undefined) return null;
  if (parameters.length === 0) return 'none';
  return parameters.map((parameter) => `${parameter.name} (${parameter.type})`).join(', ');
}

/** One environment's needs after an import, as the notice says it. */
export interface NeedsLine {
  environment: string;
  /** Nothing is missing: its plans will find every value. */
  ready: boolean;
  text: string;
}

/**
 * What each environment here still lacks for the imported changeset, in the app's words (the CLI
 * says the same with its commands): parameters missing or of another type, secrets this machine
 * does not hold, then names it does not map (advice: they may exist there as named).
 */
export function importNeedsLines(needs: readonly EnvironmentNeeds[]): NeedsLine[] {
  return needs.map((item) => {
    const parts: string[] = [];
    const wanted = [
      ...item.missing.map((parameter) => `${parameter.name} (${parameter.type})`),
      ...item.wrongType.map(
        (parameter) => `${parameter.name} (${parameter.type}; it is a ${parameter.actual} there)`,
      ),
    ];
    if (wanted.length > 0) parts.push(`still needs ${wanted.join(', ')}: set them on its Parameters tab`);
    if (item.secretsNotHere.length > 0)
      parts.push(`this machine lacks the secret ${item.secretsNotHere.join(', ')}`);
    if (item.unmapped.length > 0)
      parts.push(
        `maps none of ${item.unmapped.map((entry) => `${referenceTypeLabel(entry.type)} "${entry.name}"`).join(', ')} (fine if it has objects of those names)`,
      );
    const ready = needsNothing(item);
    return {
      environment: item.environment,
      ready,
      text: parts.length === 0 ? 'has every value it needs' : `${parts.join('; ')}.`,
    };
  });
}
