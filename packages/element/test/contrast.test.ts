/**
 * Colour contrast (WCAG AA, axe's `color-contrast` rule) on every screen the checkout shows with
 * the `theme` attribute over the system's colour scheme: dark on a light system, and `auto` on a
 * dark one. The system's own light and dark schemes are audited with every rule in
 * accessibility.test.ts.
 */
import { expect } from '@open-wc/testing';
import { axeViolations, formatViolations } from './support/axe.js';
import { emulateMedia } from './support/sandbox.js';
import { screenTours, type Mount } from './support/screen-tour.js';
import { mountCheckout, useCleanSession, type PayinCheckout } from './support/ui.js';

/** Asserts that axe's colour-contrast rule passes on the checkout (it looks into the shadow root). */
async function expectContrast(el: PayinCheckout, where: string): Promise<void> {
  const violations = await axeViolations(el, { runOnly: { type: 'rule', values: ['color-contrast'] } });
  expect(violations, `colour contrast at ${where}:\n${formatViolations(violations)}`).to.deep.equal([]);
}

/** The system colour scheme and the `theme` attribute of each run. */
const themes = [
  { name: 'theme="dark" on a light system', scheme: 'light', theme: 'dark' },
  { name: 'theme="auto" on a dark system', scheme: 'dark', theme: 'auto' },
] as const;

describe('<payin-checkout>', () => {
  useCleanSession();

  for (const { name, scheme, theme } of themes) {
    describe(`colour contrast, ${name}`, () => {
      before(() => emulateMedia({ colorScheme: scheme }));
      after(() => emulateMedia({ colorScheme: 'light' }));

      const mount: Mount = async (options) => {
        const el = await mountCheckout(options);
        el.setAttribute('theme', theme);
        return el;
      };

      for (const tour of screenTours) {
        it(tour.name, () => tour.run(mount, (el, where) => expectContrast(el, `${where}, ${name}`)));
      }
    });
  }
});
