/** The screens of `<payin-checkout>`: pure templates over the core view model. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandName, countries, type CardBrand, type FieldName, type PayinView, type TextField } from '@payin-checkout/core';

/** What the templates may ask of the element. */
export interface ViewHost {
  view: PayinView;
  locale: string;
  /**
   * Errors of card secrets found on blur (the machine never holds them); `''` for a secret edited
   * since the last submit and not found wrong, which hides the machine's error of that submit.
   */
  secretErrors: Partial<Record<FieldName, string>>;
  brand: CardBrand | undefined;
  /** The bank page address failed its checks: offer no link to it. */
  redirectBlocked: boolean;
  /** The bank page the payment waits on, when its address passed the checks: the only one linked to. */
  bankUrl: string | undefined;
  field(name: TextField, value: string): void;
  secretInput(name: 'cardNumber' | 'cardExpiry' | 'cardCVV', event: InputEvent): void;
  secretBlur(name: 'cardNumber' | 'cardExpiry' | 'cardCVV', value: string): void;
  submit(kind: 'profile' | 'card' | 'billing' | 'quote' | 'pay', event: SubmitEvent): void;
  send(type: 'CARD.NEW' | 'CARD.CHANGE' | 'BACK' | 'RETRY' | 'PRICE.ACCEPT' | 'STATUS.CHECK' | 'REDIRECT.RETURNED'): void;
  selectCard(cardId: string): void;
  /** A bank page link was followed (the link itself navigates this window unless this prevents it). */
  openBank(event: Event, url: string): void;
}

interface FieldOptions {
  type?: string;
  autocomplete: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel';
  enterkeyhint?: 'next' | 'done' | 'go';
  required?: boolean;
  maxlength?: number;
  hint?: string;
}

/** The error shown under a field: a card secret's own check while it is being edited, else the machine's. */
export function errorOf(host: ViewHost, name: FieldName): string | undefined {
  const local = host.secretErrors[name];
  return local === undefined ? host.view.fields[name].error : local || undefined;
}

function describedBy(name: FieldName, error: string | undefined, hint: string | undefined): string | undefined {
  const ids = [hint ? `h-${name}` : '', error ? `e-${name}` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function fieldParts(host: ViewHost, name: FieldName, options: FieldOptions) {
  const error = errorOf(host, name);
  return {
    error,
    hint: options.hint ? html`<span class="hint" id="h-${name}" part="hint">${options.hint}</span>` : nothing,
    message: error ? html`<span class="error" id="e-${name}" part="error">${error}</span>` : nothing,
    describedby: describedBy(name, error, options.hint),
  };
}

/** A text field the machine holds the value of. */
function textField(host: ViewHost, name: TextField, options: FieldOptions): TemplateResult {
  const { error, hint, message, describedby } = fieldParts(host, name, options);
  return html`<div class="field" part="field">
    <label for="f-${name}" part="label">${host.view.t(`label.${name}`)}</label>
    <input
      id="f-${name}"
      name=${name}
      part="input"
      type=${options.type ?? 'text'}
      autocomplete=${options.autocomplete}
      inputmode=${options.inputmode ?? 'text'}
      enterkeyhint=${options.enterkeyhint ?? 'next'}
      ?required=${options.required ?? true}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedby)}
      .value=${live(host.view.fields[name].value)}
      @input=${(event: InputEvent) => host.field(name, (event.target as HTMLInputElement).value)}
    />
    ${hint} ${message}
  </div>`;
}

/** A card secret: the value lives in this input only, never in the machine. */
function secretField(host: ViewHost, name: 'cardNumber' | 'cardExpiry' | 'cardCVV', options: FieldOptions, brand?: TemplateResult): TemplateResult {
  const { error, hint, message, describedby } = fieldParts(host, name, options);
  return html`<div class="field" part="field">
    <label for="f-${name}" part="label">${host.view.t(`label.${name}`)}</label>
    <div class=${brand ? 'with-brand' : ''}>
      <input
        id="f-${name}"
        name=${name}
        part="input"
        type="text"
        autocomplete=${options.autocomplete}
        inputmode=${options.inputmode ?? 'numeric'}
        enterkeyhint=${options.enterkeyhint ?? 'next'}
        maxlength=${ifDefined(options.maxlength)}
        required
        spellcheck="false"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedby)}
        @input=${(event: InputEvent) => host.secretInput(name, event)}
        @blur=${(event: FocusEvent) => host.secretBlur(name, (event.target as HTMLInputElement).value)}
      />
      ${brand ?? nothing}
    </div>
    ${hint} ${message}
  </div>`;
}

function countrySelect(host: ViewHost, name: 'countryCode' | 'residenceCountry', autocomplete: string): TemplateResult {
  const error = errorOf(host, name);
  const value = host.view.fields[name].value.toUpperCase();
  return html`<div class="field" part="field">
    <label for="f-${name}" part="label">${host.view.t(`label.${name}`)}</label>
    <select
      id="f-${name}"
      name=${name}
      part="input"
      autocomplete=${autocomplete}
      required
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(error ? `e-${name}` : undefined)}
      @change=${(event: Event) => host.field(name, (event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${!value}>—</option>
      ${countries(host.locale).map(({ code, name: country }) => html`<option value=${code} ?selected=${code === value}>${country}</option>`)}
    </select>
    ${error ? html`<span class="error" id="e-${name}" part="error">${error}</span>` : nothing}
  </div>`;
}

function currencySelect(host: ViewHost, name: 'fromCurrency' | 'toCurrency', options: string[]): TemplateResult {
  const value = host.view.fields[name].value;
  return html`<div class="field" part="field">
    <label for="f-${name}" part="label">${host.view.t(`label.${name}`)}</label>
    <select
      id="f-${name}"
      name=${name}
      part="input"
      autocomplete=${name === 'fromCurrency' ? 'transaction-currency' : 'off'}
      @change=${(event: Event) => host.field(name, (event.target as HTMLSelectElement).value)}>
      ${(options.includes(value) ? options : [value, ...options]).map((code) => html`<option value=${code} ?selected=${code === value}>${code}</option>`)}
    </select>
  </div>`;
}

const button = (label: string, onClick: () => void, primary = false, disabled = false) =>
  html`<button type="button" part=${primary ? 'button button-primary' : 'button'} class=${primary ? 'primary' : ''} ?disabled=${disabled} @click=${onClick}>${label}</button>`;

/**
 * The step's submit button. Never `disabled` while busy: a disabled button drops keyboard focus to
 * the page; the machine ignores a submit it cannot take, so `aria-disabled` is enough.
 */
const submitButton = (label: string, busy: boolean) =>
  html`<button type="submit" part="button button-primary" class="primary" aria-disabled=${busy ? 'true' : 'false'}>${label}</button>`;

function banner(host: ViewHost): TemplateResult | typeof nothing {
  const { view } = host;
  if (view.error && view.screen !== 'error') {
    return html`<div class="banner error" part="banner banner-error">${view.error.message}</div>`;
  }
  if (view.notice) return html`<div class="banner" part="banner">${view.notice}</div>`;
  return nothing;
}

function figures(host: ViewHost, figuresView: NonNullable<PayinView['offer'] | PayinView['estimate']>): TemplateResult {
  const t = host.view.t;
  return html`<dl class="figures" part="figures">
    <dt>${t('figure.rate')}</dt>
    <dd>${figuresView.rate}</dd>
    ${figuresView.fees.map((fee) => html`<dt>${fee.name}</dt><dd>${fee.amount}</dd>`)}
    <dt class="total">${t('figure.totalCharged')}</dt>
    <dd class="total" part="total">${figuresView.totalCharged}</dd>
    <dt class="total">${t('figure.amountReceived')}</dt>
    <dd class="total" part="received">${figuresView.amountReceived}</dd>
  </dl>`;
}

function profileScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<p>${view.t('profile.intro')}</p>
    <form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => host.submit('profile', e)}>
      <div class="row">
        ${textField(host, 'firstName', { autocomplete: 'given-name' })} ${textField(host, 'lastName', { autocomplete: 'family-name' })}
      </div>
      ${textField(host, 'dateOfBirth', { type: 'date', autocomplete: 'bday' })}
      ${textField(host, 'residenceStreet', { autocomplete: 'address-line1' })}
      <div class="row">
        ${textField(host, 'residenceZipCode', { autocomplete: 'postal-code' })} ${textField(host, 'residenceCity', { autocomplete: 'address-level2' })}
      </div>
      ${countrySelect(host, 'residenceCountry', 'country')}
      <div class="actions">${submitButton(view.t('action.continue'), view.busy)}</div>
    </form>`;
}

function cardsScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<p id="saved-cards-label">${view.t('label.savedCards')}</p>
    <ul class="cards" part="card-list" aria-labelledby="saved-cards-label">
      ${view.cards.map(
        (card) => html`<li>
          <button
            type="button"
            part="card"
            aria-label=${card.label}
            aria-disabled=${card.usable ? 'false' : 'true'}
            aria-describedby=${ifDefined(card.usable ? undefined : `card-${card.cardId}-reason`)}
            @click=${() => host.selectCard(card.cardId)}
          >
            <span class="badge" aria-hidden="true">${card.brand ? brandName(card.brand, true) : card.cardType}</span>
            <span aria-hidden="true">•••• ${card.last4}</span>
          </button>
          ${card.usable ? nothing : html`<p class="hint" part="hint" id="card-${card.cardId}-reason">${card.unusableReason}</p>`}
        </li>`,
      )}
    </ul>
    <div class="actions">${button(view.t('action.newCard'), () => host.send('CARD.NEW'))}</div>`;
}

function addressFields(host: ViewHost, last: 'done' | 'next'): TemplateResult {
  return html`${textField(host, 'address', { autocomplete: 'billing address-line1' })}
    <div class="row">
      ${textField(host, 'zip', { autocomplete: 'billing postal-code' })} ${textField(host, 'city', { autocomplete: 'billing address-level2' })}
    </div>
    <div class="row">
      ${textField(host, 'state', { autocomplete: 'billing address-level1', required: false, enterkeyhint: last })}
      ${countrySelect(host, 'countryCode', 'billing country')}
    </div>`;
}

function newCardScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const brand = host.brand ? html`<span class="brand" part="brand" aria-hidden="true">${brandName(host.brand, true)}</span>` : undefined;
  return html`<form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => host.submit('card', e)}>
    ${secretField(host, 'cardNumber', { autocomplete: 'cc-number', maxlength: 23 }, brand)}
    <div class="row">
      ${secretField(host, 'cardExpiry', { autocomplete: 'cc-exp', maxlength: 9, hint: 'MM / YY' })}
      ${textField(host, 'cardHolder', { autocomplete: 'cc-name' })}
    </div>
    ${addressFields(host, 'done')}
    <div class="actions">
      ${view.cards.length > 0 ? button(view.t('action.back'), () => host.send('BACK')) : nothing}
      ${submitButton(view.t('action.continue'), view.busy)}
    </div>
  </form>`;
}

function billingScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => host.submit('billing', e)}>
    ${addressFields(host, 'done')}
    <div class="actions">${button(view.t('action.back'), () => host.send('BACK'))} ${submitButton(view.t('action.continue'), view.busy)}</div>
  </form>`;
}

function amountFields(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<div class="row">
      ${textField(host, 'amount', {
        autocomplete: 'transaction-amount',
        inputmode: 'decimal',
        enterkeyhint: 'go',
        ...(view.limits ? { hint: view.limits } : {}),
      })}
      ${currencySelect(host, 'fromCurrency', view.fromCurrencies)}
    </div>
    ${currencySelect(host, 'toCurrency', view.toCurrencies)}`;
}

function quoteScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<form part="form" novalidate @submit=${(e: SubmitEvent) => host.submit('quote', e)}>
    ${amountFields(host)}
    ${view.estimate
      ? html`<div part="estimate">${figures(host, view.estimate)}<p class="estimate">${view.t('figure.estimate')}</p></div>`
      : nothing}
    <div class="actions">${button(view.t('action.changeCard'), () => host.send('CARD.CHANGE'))} ${submitButton(view.t('action.getOffer'), false)}</div>
  </form>`;
}

function offerScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const offer = view.offer;
  return html`<form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => host.submit('pay', e)}>
    ${amountFields(host)}
    ${offer
      ? html`<div part="offer">
          ${figures(host, offer)}
          <p class="countdown" part="countdown">${offer.expired ? view.status : view.t('figure.expiresIn', { seconds: offer.secondsLeft })}</p>
        </div>`
      : html`<div class="status" part="status"><span class="spinner" aria-hidden="true"></span>${view.status ?? view.t('step.loading')}</div>`}
    ${view.priceChanged ? html`<div class="actions">${button(view.t('action.acceptPrice'), () => host.send('PRICE.ACCEPT'), true)}</div>` : nothing}
    ${secretField(host, 'cardCVV', { autocomplete: 'cc-csc', maxlength: 4, enterkeyhint: 'done', hint: view.t('field.cvv', { length: view.cvvLength }) })}
    <div class="actions">
      ${button(view.t('action.back'), () => host.send('BACK'))}
      ${offer?.expired ? button(view.t('action.retry'), () => host.send('RETRY')) : nothing}
      ${submitButton(view.t('action.pay'), !view.can.pay)}
    </div>
  </form>`;
}

function waitingScreen(host: ViewHost, label: string | undefined): TemplateResult {
  return html`<div class="status" part="status"><span class="spinner" aria-hidden="true"></span><span>${label}</span></div>`;
}

/** The offer id of the payment under way, for the customer to quote to support. */
function reference(host: ViewHost): TemplateResult | typeof nothing {
  const { view } = host;
  return view.paymentReference
    ? html`<p class="reference" part="reference">${view.t('status.reference', { reference: view.paymentReference })}</p>`
    : nothing;
}

function bankLink(host: ViewHost, url: string, label: string, primary: boolean): TemplateResult {
  return html`<a
    class=${primary ? 'button primary' : 'button'}
    part=${primary ? 'button button-primary' : 'button'}
    href=${url}
    rel="noopener"
    @click=${(event: Event) => host.openBank(event, url)}
    >${label}</a
  >`;
}

function payingScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`${waitingScreen(host, view.busyLabel ?? view.t('step.loading'))}${reference(host)}`;
}

function redirectScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`${host.redirectBlocked ? nothing : html`<p part="status">${view.status}</p>`}
    <div class="actions">
      ${host.bankUrl && !host.redirectBlocked ? bankLink(host, host.bankUrl, view.t('action.openBank'), true) : nothing}
      ${button(view.t('action.returned'), () => host.send('REDIRECT.RETURNED'))}
    </div>
    ${reference(host)}`;
}

/** Checking the payment; while it waits on the bank page, that page can be opened again (every sub-state). */
function verifyingScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const checkAgain = view.can.checkStatus;
  return html`${checkAgain ? html`<p part="status">${view.status}</p>` : waitingScreen(host, view.status)}
    ${host.bankUrl ? html`<p part="status">${view.t('status.bankAgain')}</p>` : nothing}
    ${host.bankUrl || checkAgain
      ? html`<div class="actions">
          ${host.bankUrl ? bankLink(host, host.bankUrl, view.t('action.openBankAgain'), !checkAgain) : nothing}
          ${checkAgain ? button(view.t('action.checkStatus'), () => host.send('STATUS.CHECK'), true) : nothing}
        </div>`
      : nothing}
    ${reference(host)}`;
}

function successScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const receipt = view.receipt;
  const t = view.t;
  return html`<p class="success-mark" part="status">✓ ${t('receipt.thanks')}</p>
    ${receipt
      ? html`<dl class="figures" part="receipt">
          ${receipt.totalCharged ? html`<dt>${t('receipt.paid')}</dt><dd class="total">${receipt.totalCharged}</dd>` : nothing}
          <dt>${t('receipt.amount')}</dt><dd>${receipt.amount}</dd>
          ${receipt.received ? html`<dt>${t('receipt.received')}</dt><dd class="total">${receipt.received}</dd>` : nothing}
          ${receipt.card ? html`<dt>${t('receipt.card')}</dt><dd>${receipt.card}</dd>` : nothing}
          ${receipt.date ? html`<dt>${t('receipt.date')}</dt><dd>${receipt.date}</dd>` : nothing}
          <dt>${t('receipt.reference')}</dt><dd>${receipt.reference}</dd>
        </dl>`
      : nothing}`;
}

/** A failed payment or a failed request: what went wrong, an optional way back, and "Try again". */
function problemScreen(host: ViewHost, message: string | undefined, secondary: TemplateResult | typeof nothing): TemplateResult {
  return html`<div class="banner error" part="banner banner-error">${message}</div>
    <div class="actions">${secondary} ${button(host.view.t('action.retry'), () => host.send('RETRY'), true)}</div>`;
}

const failureScreen = (host: ViewHost): TemplateResult =>
  problemScreen(
    host,
    host.view.failure?.message,
    host.view.can.changeCard ? button(host.view.t('action.changeCard'), () => host.send('CARD.CHANGE')) : nothing,
  );

const errorScreen = (host: ViewHost): TemplateResult =>
  problemScreen(host, host.view.error?.message, host.view.can.back ? button(host.view.t('action.back'), () => host.send('BACK')) : nothing);

/** The body of the current screen, below its heading. */
export function renderScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const body = (() => {
    switch (view.screen) {
      case 'profile':
        return profileScreen(host);
      case 'cards':
        return cardsScreen(host);
      case 'new-card':
        return newCardScreen(host);
      case 'billing':
        return billingScreen(host);
      case 'quote':
        return quoteScreen(host);
      case 'offer':
        return offerScreen(host);
      case 'redirect':
        return redirectScreen(host);
      case 'verifying':
        return verifyingScreen(host);
      case 'success':
        return successScreen(host);
      case 'failure':
        return failureScreen(host);
      case 'error':
        return errorScreen(host);
      case 'paying':
        return payingScreen(host);
      case 'loading':
        return waitingScreen(host, view.busyLabel ?? view.t('step.loading'));
    }
  })();
  return html`${view.screen === 'error' || view.screen === 'failure' ? nothing : banner(host)}${body}`;
}
