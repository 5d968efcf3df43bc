/** The sandbox bank's 3-D Secure page: a small self-contained, accessible HTML document. */
import { Decimal, formatFiat } from '@payin-checkout/core';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export interface BankPageView {
  /** Where the forms post to. */
  action: string;
  /** The amount as a decimal string ("52", "32.24"): shown as the checkout shows money, every decimal kept. */
  amount: string;
  currency: string;
  card: string;
  merchant: string;
  /** Set once the payment has been answered: no buttons then. */
  answered?: string | undefined;
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; }
  body { margin: 0; background: #eef1f5; color: #1b1f24; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 12px;
         box-shadow: 0 2px 10px rgb(0 0 0 / 0.12); }
  h1 { font-size: 1.35rem; margin: 0 0 1rem; }
  p { line-height: 1.5; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 0.5rem 1rem; margin: 1.5rem 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
  form { margin: 0; }
  button { font: inherit; font-size: 1rem; padding: 0.65rem 1.25rem; border-radius: 8px; cursor: pointer;
           border: 2px solid #1b1f24; background: #fff; color: #1b1f24; }
  button.primary { background: #0b5b2e; border-color: #0b5b2e; color: #fff; }
  button:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
  .note { font-size: 0.9rem; color: #4a525c; }
`;

function actionForm(action: string, value: string, label: string, primary = false): string {
  return `<form method="post" action="${escapeHtml(action)}">
        <input type="hidden" name="action" value="${value}">
        <button type="submit"${primary ? ' class="primary"' : ''}>${label}</button>
      </form>`;
}

/**
 * The amount as the checkout writes it ("€52.00", through `Intl.NumberFormat` from the exact decimal
 * string), with the plain figure and code as its machine-readable value.
 */
function money(amount: string, currency: string): string {
  let shown: string;
  try {
    shown = formatFiat(Decimal.from(amount), currency, 'en');
  } catch {
    shown = `${amount} ${currency}`;
  }
  return `<data value="${escapeHtml(`${amount} ${currency}`)}">${escapeHtml(shown)}</data>`;
}

/** Renders the bank page. */
export function renderBankPage(view: BankPageView): string {
  const body = view.answered
    ? `<p role="status">${escapeHtml(view.answered)}</p>`
    : `<div class="actions">
      ${actionForm(view.action, 'approve', 'Approve', true)}
      ${actionForm(view.action, 'decline', 'Decline')}
      ${actionForm(view.action, 'cancel', 'Cancel')}
    </div>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sandbox bank — confirm your payment</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <h1>Sandbox bank — confirm your payment</h1>
    <p>Your bank asks you to confirm this card payment.</p>
    <dl>
      <dt>Merchant</dt><dd>${escapeHtml(view.merchant)}</dd>
      <dt>Amount</dt><dd>${money(view.amount, view.currency)}</dd>
      <dt>Card</dt><dd>${escapeHtml(view.card)}</dd>
    </dl>
    ${body}
    <p class="note">This is a test page of the payin-checkout sandbox. No money moves.</p>
  </main>
</body>
</html>`;
}

/** The page after the customer answered, when pay named no page to send them back to. */
export function answeredPage(outcome: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sandbox bank — answered</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <h1>Sandbox bank — answered</h1>
    <p role="status">${escapeHtml(outcome)}. You can close this page.</p>
    <p class="note">This is a test page of the payin-checkout sandbox. No money moves.</p>
  </main>
</body>
</html>`;
}
