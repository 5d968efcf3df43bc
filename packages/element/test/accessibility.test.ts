/**
 * axe (WCAG 2.0–2.2 A and AA, colour contrast included) on every screen the checkout shows,
 * reached through the UI against the sandbox: no violation anywhere, in the light and the dark
 * colour scheme of the system.
 */
import { expectNoAxeViolations } from './support/axe.js';
import { emulateMedia } from './support/sandbox.js';
import { screenTours } from './support/screen-tour.js';
import { mountCheckout, useCleanSession } from './support/ui.js';

describe('<payin-checkout>', () => {
  useCleanSession();

  for (const scheme of ['light', 'dark'] as const) {
    describe(`accessibility, ${scheme} colour scheme`, () => {
      before(() => emulateMedia({ colorScheme: scheme }));
      after(() => emulateMedia({ colorScheme: 'light' }));

      for (const tour of screenTours) {
        it(`has no axe violations: ${tour.name}`, () => tour.run(mountCheckout, (el, where) => expectNoAxeViolations(el, `${where}, ${scheme}`)));
      }
    });
  }
});
