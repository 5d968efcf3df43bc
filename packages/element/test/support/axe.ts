/**
 * Accessibility audits with axe-core in the test browser. axe-core is a UMD bundle: its default
 * import fails in the browser, so it is loaded for its side effect and used through `window.axe`.
 * It looks inside open shadow roots, so auditing a <payin-checkout> audits its rendered form.
 *
 * ```ts
 * const violations = await axeViolations(el);
 * expect(violations, formatViolations(violations)).to.deep.equal([]);
 * ```
 */
import 'axe-core';
import type * as Axe from 'axe-core';
import { expect } from '@open-wc/testing';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

/** WCAG 2.0–2.2 A and AA rules: what the checkout promises. Page-level best practices are left out (fixtures are fragments). */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on `context` (an element, by default the whole document) and answers its violations. */
export async function axeViolations(context: Element | Document = document, options: Axe.RunOptions = {}): Promise<Axe.Result[]> {
  const results = await window.axe.run(context, {
    runOnly: { type: 'tag', values: wcagTags },
    resultTypes: ['violations'],
    ...options,
  });
  return results.violations;
}

/** One line per violated rule with the offending nodes, for assertion messages. */
export function formatViolations(violations: readonly Axe.Result[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}

/** Asserts that axe finds no violation in `context`; the failure message names `where` and lists them. */
export async function expectNoAxeViolations(context: Element | Document, where: string): Promise<void> {
  const violations = await axeViolations(context);
  expect(violations, `axe violations at ${where}:\n${formatViolations(violations)}`).to.deep.equal([]);
}
