import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';

const AXE = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url));

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core (WCAG 2.0/2.1 A and AA rules) over the page, or one region of it. Answers one line per
 * violation, `minimum` and worse (default: serious and critical); an empty list is a clean page.
 * Dialogs are checked by passing their selector while they are open.
 */
export async function accessibilityViolations(
  page: Page,
  selector = 'body',
  minimum: 'minor' | 'moderate' | 'serious' | 'critical' = 'serious',
): Promise<string[]> {
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self') refuses an injected <script>.
  await page.evaluate(await readFile(AXE, 'utf8'));
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const found = await page.evaluate(async (region) => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Element, options: object): Promise<{ passes: unknown[]; violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const element = document.querySelector(region);
    if (!element) return { missing: true, passes: 0, violations: [] as AxeViolation[] };
    const { passes, violations } = await axe.run(element, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return {
      missing: false,
      passes: passes.length,
      violations: violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target })),
      })),
    };
  }, selector);
  if (found.missing) return [`${selector} is not on the page`];
  // No rule passing would mean axe looked at nothing: that is not a clean report.
  if (found.passes === 0) return ['axe-core checked no rule at all'];
  return found.violations
    .filter((violation) => order.indexOf(violation.impact ?? 'minor') >= order.indexOf(minimum))
    .map(
      (violation) =>
        `${violation.impact ?? '?'} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')})`,
    );
}
