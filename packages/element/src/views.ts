/** The screens of `<payin-checkout>`: pure templates over the core view model. */
import { html, noChange, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  brandName,
  type CardBrand,
  type FieldName,
  type FieldView,
  type PayinView,
  type Screen,
  type SecretField,
  type TextField,
  type Translate,
} from '@payin-checkout/core';
import { brandMark } from './brand-marks.js';

/** What only the element knows: the brand typed, its bank-page handling, and its DOM handlers for forms and card secrets. */
export interface ViewHost {
  view: PayinView;
  /** Brand of the card number being typed. */
  brand: CardBrand | undefined;
  /** The bank page address failed its checks: offer no link to it. */
  redirectBlocked: boolean;
  /** The bank page the payment waits on, when its address passed the checks: the only one linked to. */
  bankUrl: string | undefined;
  /** A form was submitted: its card secrets go to the view's `submit`. */
  submit(event: SubmitEvent): void;
  /** A card secret's input changed or lost focus: the value stays in the input. */
  secretInput(event: InputEvent): void;
  secretBlur(event: FocusEvent): void;
  /** A bank page link was followed (the link itself navigates this window unless this prevents it). */
  openBank(event: Event, url: string): void;
}

function fieldParts(field: FieldView) {
  return {
    label: html`<label for=${field.props.id} part="label">${field.label}</label>`,
    hint: field.hint ? html`<span class="hint" id=${field.hintId} part="hint">${field.hint}</span>` : nothing,
    message: field.error ? html`<span class="error" id=${field.errorId} part="error">${field.error}</span>` : nothing,
  };
}

/** The input of a field, with the attributes core gives it; a card secret's value lives in the input only. */
function input(host: ViewHost, field: FieldView, describedBy?: string): TemplateResult {
  const { props } = field;
  const description = [props['aria-describedby'], describedBy].filter(Boolean).join(' ');
  return html`<input
    id=${props.id}
    name=${props.name}
    part="input"
    type=${ifDefined(props.type)}
    autocomplete=${props.autocomplete}
    inputmode=${ifDefined(props.inputmode)}
    enterkeyhint=${ifDefined(props.enterkeyhint)}
    maxlength=${ifDefined(props.maxlength)}
    ?required=${props.required}
    spellcheck=${ifDefined(props.spellcheck)}
    aria-invalid=${props['aria-invalid']}
    aria-describedby=${ifDefined(description || undefined)}
    .value=${field.secret ? noChange : live(field.value)}
    @input=${field.secret ? host.secretInput : (event: InputEvent) => host.view.setField(field.name, (event.target as HTMLInputElement).value)}
    @blur=${field.secret ? host.secretBlur : nothing}
  />`;
}

/** A text field the machine holds the value of. */
function textField(host: ViewHost, name: TextField): TemplateResult {
  const field = host.view.fields[name];
  const { label, hint, message } = fieldParts(field);
  return html`<div class="field" part="field">${label} ${input(host, field)} ${hint} ${message}</div>`;
}

/** A card secret: the value lives in this input only, never in the machine. */
function secretField(host: ViewHost, name: SecretField, brand?: CardBrand): TemplateResult {
  const field = host.view.fields[name];
  const { label, hint, message } = fieldParts(field);
  const brandId = `${field.props.id}-brand`;
  // The mark is decorative; the brand's name, beside it for assistive technology, describes the input.
  return html`<div class="field" part="field">
    ${label}
    <div class=${brand ? 'with-brand' : ''}>
      ${input(host, field, brand && brandId)}
      ${brand ? html`<span class="brand" part="brand" id=${brandId}>${brandMark(brand)}<span class="sr-only">${brandName(brand)}</span></span>` : nothing}
    </div>
    ${hint} ${message}
  </div>`;
}

const options = (field: FieldView) => (field.options ?? []).map((option) => html`<option value=${option.value} ?selected=${option.value === field.value}>${option.label}</option>`);
const change = (host: ViewHost, name: TextField) => (event: Event) => host.view.setField(name, (event.target as HTMLSelectElement).value);

function countrySelect(host: ViewHost, name: 'countryCode' | 'residenceCountry'): TemplateResult {
  const field = host.view.fields[name];
  const { props } = field;
  const { label, message } = fieldParts(field);
  return html`<div class="field" part="field">
    ${label}
    <select
      id=${props.id}
      name=${name}
      part="input"
      autocomplete=${props.autocomplete}
      ?required=${props.required}
      aria-invalid=${props['aria-invalid']}
      aria-describedby=${ifDefined(props['aria-describedby'])}
      @change=${change(host, name)}
    >
      ${options(field)}
    </select>
    ${message}
  </div>`;
}

function currencySelect(host: ViewHost, name: 'fromCurrency' | 'toCurrency'): TemplateResult {
  const field = host.view.fields[name];
  return html`<div class="field" part="field">
    ${fieldParts(field).label}
    <select id=${field.props.id} name=${name} part="input" autocomplete=${field.props.autocomplete} @change=${change(host, name)}>
      ${options(field)}
    </select>
  </div>`;
}

const button = (label: string, onClick: () => void, primary = false, disabled = false) =>
  html`<button type="button" part=${primary ? 'button button-primary' : 'button'} class=${primary ? 'primary' : ''} ?disabled=${disabled} @click=${onClick}>${label}</button>`;

/**
 * The step's submit button. Never `disabled` while busy: a disabled button drops keyboard focus to
 * the page; the machine ignores a submit it cannot take, so `aria-disabled` is enough.
 */
const submitButton = (label: string | undefined, busy: boolean) =>
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
    <form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${host.submit}>
      <div class="row">
        ${textField(host, 'firstName')} ${textField(host, 'lastName')}
      </div>
      ${textField(host, 'dateOfBirth')}
      ${textField(host, 'residenceStreet')}
      <div class="row">
        ${textField(host, 'residenceZipCode')} ${textField(host, 'residenceCity')}
      </div>
      ${countrySelect(host, 'residenceCountry')}
      <div class="actions">${submitButton(view.submitLabel, view.busy)}</div>
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
            @click=${() => view.selectCard(card.cardId)}
          >
            ${card.brand ? brandMark(card.brand) : nothing}
            <span aria-hidden="true">${card.brand ? brandName(card.brand, true) : card.cardType} •••• ${card.last4}</span>
          </button>
          ${card.usable ? nothing : html`<p class="hint" part="hint" id="card-${card.cardId}-reason">${card.unusableReason}</p>`}
        </li>`,
      )}
    </ul>
    <div class="actions">${button(view.t('action.newCard'), view.newCard)}</div>`;
}

function addressFields(host: ViewHost): TemplateResult {
  return html`${textField(host, 'address')}
    <div class="row">
      ${textField(host, 'zip')} ${textField(host, 'city')}
    </div>
    <div class="row">
      ${textField(host, 'state')}
      ${countrySelect(host, 'countryCode')}
    </div>`;
}

const lock = html`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z"/></svg>`;

/** Under a form that takes card details: where they go. */
const trustLine = (host: ViewHost): TemplateResult => html`<p class="trust" part="trust">${lock}${host.view.t('trust.secure')}</p>`;

function newCardScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${host.submit}>
    ${secretField(host, 'cardNumber', host.brand)}
    <div class="row">
      ${secretField(host, 'cardExpiry')}
      ${textField(host, 'cardHolder')}
    </div>
    ${addressFields(host)}
    <div class="actions">
      ${view.cards.length > 0 ? button(view.t('action.back'), view.back) : nothing}
      ${submitButton(view.submitLabel, view.busy)}
    </div>
    ${trustLine(host)}
  </form>`;
}

function billingScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${host.submit}>
    ${addressFields(host)}
    <div class="actions">${button(view.t('action.back'), view.back)} ${submitButton(view.submitLabel, view.busy)}</div>
  </form>`;
}

function amountFields(host: ViewHost): TemplateResult {
  return html`<div class="row">
      ${textField(host, 'amount')}
      ${currencySelect(host, 'fromCurrency')}
    </div>
    ${currencySelect(host, 'toCurrency')}`;
}

function quoteScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  return html`<form part="form" novalidate @submit=${host.submit}>
    ${amountFields(host)}
    ${view.estimate
      ? html`<div part="estimate">${figures(host, view.estimate)}<p class="estimate">${view.t('figure.estimate')}</p></div>`
      : nothing}
    <div class="actions">${button(view.t('action.changeCard'), view.changeCard)} ${submitButton(view.submitLabel, false)}</div>
  </form>`;
}

function offerScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const offer = view.offer;
  return html`<form part="form" novalidate aria-busy=${view.busy ? 'true' : 'false'} @submit=${host.submit}>
    ${amountFields(host)}
    ${offer
      ? html`<div part="offer">
          ${figures(host, offer)}
          <p class="countdown" part="countdown">${offer.expired ? view.status : view.t('figure.expiresIn', { seconds: offer.secondsLeft })}</p>
        </div>`
      : html`<div class="status" part="status"><span class="spinner" aria-hidden="true"></span>${view.status ?? view.t('step.loading')}</div>`}
    ${view.priceChanged ? html`<div class="actions">${button(view.t('action.acceptPrice'), view.acceptPrice, true)}</div>` : nothing}
    ${secretField(host, 'cardCVV')}
    <div class="actions">
      ${button(view.t('action.back'), view.back)}
      ${offer?.expired ? button(view.t('action.retry'), view.retry) : nothing}
      ${submitButton(view.submitLabel, !view.can.pay)}
    </div>
    ${trustLine(host)}
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
      ${button(view.t('action.returned'), host.view.confirmReturn)}
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
          ${checkAgain ? button(view.t('action.checkStatus'), host.view.checkStatus, true) : nothing}
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

/** A failed request: what went wrong, an optional way back, and "Try again" where trying again can work. */
function problemScreen(host: ViewHost, message: string | undefined, secondary: TemplateResult | typeof nothing): TemplateResult {
  return html`<div class="banner error" part="banner banner-error">${message}</div>
    <div class="actions">${secondary} ${host.view.can.retry ? button(host.view.t('action.retry'), host.view.retry, true) : nothing}</div>`;
}

/**
 * A failed payment: what happened and what to do next in the customer's words, the step that helps
 * (another card for a decline) as the main button, and Vault's own text behind "Details".
 */
function failureScreen(host: ViewHost): TemplateResult {
  const { view } = host;
  const { failure, t } = view;
  const anotherCard = view.can.changeCard;
  const cardFirst = anotherCard && (!view.can.retry || failure?.lead === 'changeCard');
  return html`<div class="banner error" part="banner banner-error">
      <p>${failure?.message}</p>
      ${failure?.adviceText ? html`<p>${failure.adviceText}</p>` : nothing}
    </div>
    ${failure?.detail
      ? html`<details part="details"><summary>${t('failure.details')}</summary><p>${failure.detail}</p></details>`
      : nothing}
    <div class="actions">
      ${view.can.retry ? button(t('action.retry'), view.retry, !cardFirst) : nothing}
      ${anotherCard ? button(t('failure.anotherCard'), view.changeCard, cardFirst) : nothing}
    </div>`;
}

const errorScreen = (host: ViewHost): TemplateResult =>
  problemScreen(host, host.view.error?.message, host.view.can.back ? button(host.view.t('action.back'), host.view.back) : nothing);

/** A field of the loading box: its label's text kept invisible, so that it wraps as the real one will. */
const placeholderField = (label: string, hint?: string): TemplateResult =>
  html`<div class="field"><span class="ph-label">${label}</span><span class="ph-input"></span>${hint ? html`<span class="hint">${hint}</span>` : nothing}</div>`;

/**
 * While the checkout loads: the outline of the card form (the first screen of most purchases) in
 * the same box, with what is under way over it, so that the page does not move when the form comes.
 */
export function loadingBox(t: Translate, label: string | undefined): TemplateResult {
  const at = (name: FieldName, hint?: string) => placeholderField(t(`label.${name}`), hint);
  return html`<div class="loading">
    <div class="skeleton" aria-hidden="true">
      ${at('cardNumber')}
      <div class="row">${at('cardExpiry', 'MM / YY')} ${at('cardHolder')}</div>
      ${at('address')}
      <div class="row">${at('zip')} ${at('city')}</div>
      <div class="row">${at('state')} ${at('countryCode')}</div>
      <div class="actions"><span class="ph-input ph-button"></span></div>
      <p class="trust">${lock}<span>${t('trust.secure')}</span></p>
    </div>
    <div class="status" part="status"><span class="spinner" aria-hidden="true"></span>${label ? html`<span>${label}</span>` : nothing}</div>
  </div>`;
}

const screens: Record<Screen, (host: ViewHost) => TemplateResult> = {
  loading: (host) => loadingBox(host.view.t, host.view.busyLabel ?? host.view.t('step.loading')),
  profile: profileScreen,
  cards: cardsScreen,
  'new-card': newCardScreen,
  billing: billingScreen,
  quote: quoteScreen,
  offer: offerScreen,
  paying: payingScreen,
  redirect: redirectScreen,
  verifying: verifyingScreen,
  success: successScreen,
  failure: failureScreen,
  error: errorScreen,
};

/** Screens after the offer that show no figures of their own: what is paid and received, compactly. */
const SUMMARY_SCREENS = new Set<Screen>(['paying', 'redirect', 'verifying', 'failure']);

function summary(host: ViewHost): TemplateResult | typeof nothing {
  const { view } = host;
  if (!view.summary || !SUMMARY_SCREENS.has(view.screen)) return nothing;
  return html`<dl class="summary" part="summary">
    <div><dt>${view.t('summary.amount')}</dt> <dd>${view.summary.amount}</dd></div>
    <div><dt>${view.t('summary.receive')}</dt> <dd>${view.summary.receive}</dd></div>
  </dl>`;
}

/** The body of the current screen, below its heading. */
export function renderScreen(host: ViewHost): TemplateResult {
  const { screen } = host.view;
  return html`${summary(host)}${screen === 'error' || screen === 'failure' ? nothing : banner(host)}${screens[screen](host)}`;
}
