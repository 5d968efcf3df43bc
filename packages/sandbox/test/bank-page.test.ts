/** The sandbox bank page's text: the amount as the checkout writes it, every value escaped. */
import { describe, expect, it } from 'vitest';
import { renderBankPage } from '../src/bank-page.js';

const page = (amount: string, currency = 'EUR', merchant = 'Example Shop') =>
  renderBankPage({ action: '/sandbox/bank/ref', amount, currency, card: 'VISA ending in 3220', merchant });

/** The amount as shown (the text of its `<dd>`, tags dropped). */
const shownAmount = (html: string): string => /<dt>Amount<\/dt><dd>(.*?)<\/dd>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? '';

describe('sandbox bank page', () => {
  it('shows the amount as the checkout does: currency sign and the currency’s decimals', () => {
    expect(shownAmount(page('52'))).toBe('€52.00');
    expect(shownAmount(page('32.24'))).toBe('€32.24');
    expect(shownAmount(page('1234.5', 'USD'))).toBe('$1,234.50');
    expect(shownAmount(page('1000', 'JPY'))).toBe('¥1,000');
  });

  it('keeps every decimal of the amount exactly, never through a float', () => {
    // 90071992547409.93 is not a double: through Number it would read …409.94.
    expect(shownAmount(page('90071992547409.93'))).toBe('€90,071,992,547,409.93');
    expect(shownAmount(page('0.155'))).toBe('€0.155');
  });

  it('shows an amount in a currency Intl does not know with its code', () => {
    expect(shownAmount(page('1.5', 'USDT'))).toBe('1.5 USDT');
  });

  it('escapes what it shows', () => {
    const html = page('52', 'EUR', '<script>alert(1)</script>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});
