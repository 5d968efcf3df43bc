/** Language: the `locale` attribute, else the page's `lang`; texts, country names and money in it. */
import { expect } from '@open-wc/testing';
import { newToken, testCards } from './support/sandbox.js';
import {
  FUTURE_EXPIRY,
  chooseCountry,
  field,
  hasField,
  mountCheckout,
  offerFigures,
  submitStep,
  typeInto,
  useCleanSession,
  waitForHeading,
  waitForOffer,
} from './support/ui.js';

/** The console warnings written while `run` runs. */
async function collectWarnings(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('<payin-checkout>', () => {
  useCleanSession();

  describe('locale', () => {
    it('speaks German with locale="de", from the labels to the offer figures', async () => {
      const el = await mountCheckout({ token: newToken(), amount: '50', locale: 'de' });
      await waitForHeading(el, 'Karte hinzufügen');
      for (const label of ['Kartennummer', 'Ablaufdatum', 'Name auf der Karte', 'Adresse', 'Postleitzahl', 'Stadt', 'Land']) {
        expect(hasField(el, label), label).to.equal(true);
      }
      expect(hasField(el, 'Card number')).to.equal(false);

      await typeInto(el, 'Kartennummer', testCards.frictionless);
      await typeInto(el, 'Ablaufdatum', FUTURE_EXPIRY);
      await typeInto(el, 'Name auf der Karte', 'Ada Lovelace');
      await typeInto(el, 'Adresse', 'Unter den Linden 1');
      await typeInto(el, 'Postleitzahl', '10117');
      await typeInto(el, 'Stadt', 'Berlin');
      await chooseCountry(el, 'Land', 'Deutschland');
      await submitStep(el, 'Weiter', 'Wie viel möchten Sie kaufen?');
      expect(field(el, 'Betrag vor Gebühren').value).to.equal('50');
      await submitStep(el, 'Angebot anfordern', 'Ihr Angebot');
      await waitForOffer(el, { payLabel: '52,00 € bezahlen' });
      expect(offerFigures(el).total, 'shown with its no-break space collapsed').to.equal('52,00 €');
      expect(offerFigures(el).countdown).to.match(/^Dieses Angebot gilt noch \d+ s\.$/);
    });

    it("follows the page's lang when no locale is set", async () => {
      const root = document.documentElement;
      const pageLang = root.lang;
      root.lang = 'es';
      try {
        const el = await mountCheckout({ token: newToken() });
        await waitForHeading(el, 'Añadir una tarjeta');
        expect(hasField(el, 'Número de tarjeta')).to.equal(true);
      } finally {
        root.lang = pageLang;
      }
    });

    it('loads a catalog once for every checkout on the page', async () => {
      const catalogUrl = new URL('../src/locales/es.json', import.meta.url).href;
      const [first, second] = await Promise.all([
        mountCheckout({ token: newToken(), locale: 'es' }),
        mountCheckout({ token: newToken(), locale: 'es-MX' }),
      ]);
      await waitForHeading(first, 'Añadir una tarjeta');
      await waitForHeading(second, 'Añadir una tarjeta');
      expect(performance.getEntriesByName(catalogUrl).length, catalogUrl).to.equal(1);
    });

    it('shows English, with a console warning naming the file, when the catalog cannot be fetched', async () => {
      const warnings = await collectWarnings(async () => {
        const el = await mountCheckout({ token: newToken(), locale: 'de', localesUrl: '/no-such-folder/' });
        await waitForHeading(el, 'Add a card');
        expect(hasField(el, 'Card number')).to.equal(true);
      });
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('the "de" texts could not be loaded, showing English instead');
      expect(warnings[0]).to.contain(`${location.origin}/no-such-folder/de.json answered 404`);
    });

    it('shows English, with a console warning, when the catalog is not JSON', async () => {
      const folder = new URL('./fixtures/broken-locales/', import.meta.url).href;
      const warnings = await collectWarnings(async () => {
        const el = await mountCheckout({ token: newToken(), locale: 'de', localesUrl: folder });
        await waitForHeading(el, 'Add a card');
      });
      expect(warnings).to.deep.equal([`<payin-checkout>: the "de" texts could not be loaded, showing English instead: ${folder}de.json is not JSON`]);
    });

    it("puts the host's own texts over the catalog", async () => {
      const el = await mountCheckout({ token: newToken(), locale: 'de', messages: { 'step.newCard': 'Ihre Karte' } });
      await waitForHeading(el, 'Ihre Karte');
      expect(hasField(el, 'Kartennummer')).to.equal(true);
    });

    it('prefers the locale attribute over the page language', async () => {
      const root = document.documentElement;
      const pageLang = root.lang;
      root.lang = 'es';
      try {
        const el = await mountCheckout({ token: newToken(), locale: 'de' });
        await waitForHeading(el, 'Karte hinzufügen');
      } finally {
        root.lang = pageLang;
      }
    });
  });
});
