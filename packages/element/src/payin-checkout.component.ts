import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createActor, type Actor } from 'xstate';
import {
  catalogLocale,
  checkRedirectUrl,
  parseHostList,
  connectPayin,
  countries,
  createPayinClient,
  createTranslator,
  followReturnAddress,
  payinMachine,
  resumeFromAddress,
  withoutReturnParam,
  type CardBrand,
  type Messages,
  type PayinEvent,
  type PayinClientOptions,
  type PayinEmitted,
  type PayinOptions,
  type PayinSnapshot,
  type PayinView,
  type Screen,
  type SecretChecks,
  type SecretField,
  type Step,
  type TextField,
  type TokenRequest,
} from '@payin-checkout/core';
import {
  PayinAuthRequiredEvent,
  PayinErrorEvent,
  PayinFailureEvent,
  PayinKycRequiredEvent,
  PayinPaymentRecordEvent,
  PayinRedirectEvent,
  PayinStateChangeEvent,
  PayinSuccessEvent,
} from './events.js';
import { catalogFor, defaultLocalesUrl } from './locale.js';
import { styles } from './payin-checkout.styles.js';
import { loadingBox, renderScreen, type ViewHost } from './views.js';

/** Name of the bank-page popup window; a checkout loaded inside it hands back to its opener. */
const POPUP_NAME = 'payin-bank';
const RETURNED_MESSAGE = 'payin-checkout:returned';

/** The client settings a page may change: time limits and retries (never the address or the token). */
export type PayinCheckoutClientOptions = Partial<Pick<PayinClientOptions, 'timeoutMs' | 'payTimeoutMs' | 'retryLimit'>>;

/**
 * Offers whose success this page has announced: one payment, one `payin-success`, however many
 * checkouts on the page confirm it.
 */
const announcedPayments = new Set<string>();

/** The built-in texts, for the loading box while the language's catalog loads. */
const englishTexts = createTranslator();

/** Runs `task` when the page is idle (on the next turn where there is no idle callback); answers how to cancel it. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 1_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task);
  return () => clearTimeout(id);
}

/**
 * @summary A checkout to buy crypto with a bank card through Vault's PayIn API: card, quote, offer,
 * pay with 3-D Secure, receipt. A thin renderer of the core `payinMachine`.
 *
 * @event payin-state-change - The checkout moved to another step (`step`, `screen`).
 * @event payin-success - The payment succeeded (`receipt`, with the masked card only).
 * @event payin-failure - The payment failed (`reason`).
 * @event payin-error - A request failed (`error`, classified).
 * @event payin-redirect - The customer must confirm at their bank, or follows a link to the bank page (`url`, `offerId`); cancelable to navigate yourself.
 * @event payin-payment-record - The payment record was written, before the pay request and after its answer (`record`, `stored`).
 * @event payin-kyc-required - Paying needs a higher verification level (`level`).
 * @event payin-auth-required - The token was refused even after a refresh.
 *
 * @csspart heading - The step heading.
 * @csspart form - The form of a step.
 * @csspart field - A label, input and error group.
 * @csspart label - A field label.
 * @csspart input - An input or select.
 * @csspart hint - A field hint.
 * @csspart error - A field error message.
 * @csspart merchant - The header naming the merchant (`merchant-name`).
 * @csspart brand - The card brand's mark in the card number field.
 * @csspart trust - The line under the card form saying where the card details go.
 * @csspart summary - What is paid and received, on the steps after the offer.
 * @csspart details - Vault's own text of a failed payment, behind a "Details" disclosure.
 * @csspart button - Any button.
 * @csspart button-primary - The main button of a step.
 * @csspart card-list - The list of saved cards.
 * @csspart card - A saved card.
 * @csspart estimate - The estimate before an offer.
 * @csspart offer - The offer figures and countdown.
 * @csspart figures - A list of money figures.
 * @csspart total - The total charged to the card.
 * @csspart received - The crypto amount received.
 * @csspart countdown - The offer countdown.
 * @csspart banner - A notice or error banner.
 * @csspart banner-error - An error banner.
 * @csspart status - A progress or status line.
 * @csspart receipt - The receipt.
 * @csspart reference - The payment reference shown while a payment is made or confirmed.
 *
 * @cssproperty --payin-color-background - Background.
 * @cssproperty --payin-color-surface - Background of figures, banners and saved cards.
 * @cssproperty --payin-color-text - Text colour.
 * @cssproperty --payin-color-muted - Secondary text colour.
 * @cssproperty --payin-color-border - Borders of inputs and buttons.
 * @cssproperty --payin-color-primary - Main buttons, links and focus.
 * @cssproperty --payin-color-on-primary - Text on main buttons.
 * @cssproperty --payin-color-error - Error text and borders.
 * @cssproperty --payin-color-success - Success mark.
 * @cssproperty --payin-focus-ring - Box shadow of the focus ring.
 * @cssproperty --payin-radius - Corner radius.
 * @cssproperty --payin-spacing - Base spacing.
 * @cssproperty --payin-font-family - Font family.
 * @cssproperty --payin-font-size - Base font size.
 * @cssproperty --payin-max-width - Largest width of the checkout.
 */
export class PayinCheckout extends LitElement {
  static override styles = styles;

  /** Vault's API origin (or the sandbox's). */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** The customer's bearer token. */
  @property() token = '';
  /** Supplies the bearer token; asked again with `refresh: true` after a 401. Takes precedence over `token`. */
  @property({ attribute: false }) getToken: ((request: TokenRequest) => string | Promise<string>) | undefined;
  /** Fiat currency to pay in (default EUR). */
  @property({ attribute: 'from-currency' }) fromCurrency = '';
  /** Crypto to buy (default BTC). */
  @property({ attribute: 'to-currency' }) toCurrency = '';
  /** Starting amount; changing it while an offer is shown updates the offer. */
  @property() amount = '';
  /** Page the bank sends the customer back to (default: this page). */
  @property({ attribute: 'success-url' }) successUrl = '';
  /**
   * Language of the texts, numbers and money (default: the page's `lang`, then the browser's).
   * English is built in; `de` and `es` are loaded from `locales-url` when asked for. A catalog that
   * cannot be loaded leaves the texts in English, with a console warning.
   */
  @property() locale = '';
  /** Folder of the catalogs other than English (default: the `locales/` folder beside the script). */
  @property({ attribute: 'locales-url' }) localesUrl = '';
  /**
   * Your own texts by message key (see the English catalog `en` of `@payin-checkout/core`), over
   * the catalog of the language: a different wording, or a whole catalog of a language not shipped.
   */
  @property({ attribute: false }) messages: Messages | undefined;
  /** `same-window` (default) navigates to the bank page; `popup` opens it in a window. */
  @property({ attribute: 'redirect-mode' }) redirectMode: 'same-window' | 'popup' = 'same-window';
  /** Hosts the bank page may be on, separated by spaces or commas (default: any https host). */
  @property({ attribute: 'allowed-redirect-hosts' }) allowedRedirectHosts = '';
  /**
   * A stable id of the signed-in customer (your own, never the token). Set it when customers may
   * share a browser: payment records are then kept per customer, so one customer's payment still
   * being confirmed never holds back another's purchase.
   */
  @property() customer = '';
  /**
   * Set when you know the customer has not given their profile yet: the checkout asks Vault for
   * their KYC level first and shows the profile form, instead of first being refused the cards.
   */
  @property({ type: Boolean, attribute: 'new-customer' }) newCustomer = false;
  /** `light`, `dark`, or `auto` (the default when unset): `auto` follows the system's colour scheme (`prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | undefined;
  /** Your shop's name, shown as the checkout's header ("Pay Example Shop"); plain text, never read as HTML. Optional. */
  @property({ attribute: 'merchant-name' }) merchantName = '';
  /**
   * Time limits and retries of the Vault client: `timeoutMs` (each attempt of every request but pay,
   * default 15 000), `payTimeoutMs` (the pay request, default 90 000), `retryLimit` (retries of
   * reads, default 2). Read when the checkout starts and on `reset()`.
   */
  @property({ attribute: false }) clientOptions: PayinCheckoutClientOptions | undefined;
  /**
   * Options of the checkout machine (`PayinOptions`), e.g. `verifyTimeoutMs` (how long the status is
   * checked before the customer is told the payment is still being confirmed), `pollInitialMs`,
   * `pollMaxMs`. Read when the checkout starts and on `reset()`.
   */
  @property({ attribute: false }) machineOptions: Partial<PayinOptions> | undefined;

  @state() private snapshot: PayinSnapshot | undefined;
  /** Checks of the card secrets typed since the last submit (message keys, never a value). */
  @state() private secretChecks: SecretChecks = {};
  @state() private brand: CardBrand | undefined;
  @state() private redirectProblem: string | undefined;
  /** Texts of the current language; undefined while its catalog loads. */
  @state() private catalog: Messages | undefined;
  private catalogKey = '';
  /** The last view and what it was made from: one view per change, however often it is read. */
  private lastView:
    | { snapshot: PayinSnapshot; catalog: Messages; messages: Messages | undefined; merged: Messages; checks: SecretChecks; locale: string; view: PayinView }
    | undefined;

  private actor: Actor<typeof payinMachine> | undefined;
  private readonly send = (event: PayinEvent) => this.actor?.send(event);
  private popup: Window | null = null;
  private popupWatch: ReturnType<typeof setInterval> | undefined;
  /** The bank popup was closed (or handed back) while the payment waited: the bank page now opens in this window. */
  private popupClosed = false;
  private stopFollowingAddress: (() => void) | undefined;
  private cancelIdleWork: (() => void) | undefined;
  private lastScreen: Screen | undefined;
  private hadFocus = false;
  private focusFirstError = false;
  private readonly onMessage = (event: MessageEvent) => {
    if (event.origin === location.origin && event.data === RETURNED_MESSAGE && event.source === this.popup) this.popupReturned();
  };

  /** The current step: `card`, `quote`, `offer`, `editing`, `paying`, `redirect`, `verifying`, `success` or `failure`. */
  get state(): Step | undefined {
    const value = this.snapshot?.value;
    if (value === undefined) return undefined;
    return (typeof value === 'string' ? value : Object.keys(value)[0]) as Step;
  }

  /** Starts the checkout over (a payment being confirmed is picked up again from its payment record). */
  reset(): void {
    this.stopActor();
    this.startActor();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside the bank popup, after the bank sent the customer back: hand over to the opener.
    if (window.name === POPUP_NAME && window.opener) {
      try {
        (window.opener as Window).postMessage(RETURNED_MESSAGE, location.origin);
        window.close();
      } catch {
        // An opener on another origin: the customer closes the window.
      }
    }
    window.addEventListener('message', this.onMessage);
    // Added back after a removal (which stopped the actor): start afresh. A first connection
    // starts in the first update, once the attributes are read.
    if (this.hasUpdated) this.startActor();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.onMessage);
    this.stopActor();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hadFocus = this.matches(':focus-within');
    if (!this.isConnected) return;
    this.followLanguage();
    if (!this.actor) {
      if (this.apiBase) this.startActor();
      return;
    }
    if (changed.has('apiBase') && changed.get('apiBase') !== undefined) {
      this.reset();
      return;
    }
    // A new amount or currency mid-flow is the customer's change: the machine edits the offer.
    const fields = ['amount', 'fromCurrency', 'toCurrency'] as const satisfies readonly TextField[];
    for (const field of fields) {
      if (changed.has(field) && changed.get(field) !== undefined) {
        this.actor.send({ type: 'FIELD.CHANGE', field, value: this[field] });
      }
    }
  }

  /** Loads the catalog of the current language when it changed; the texts stay English if it fails. */
  private followLanguage(): void {
    const locale = this.resolvedLocale;
    const baseUrl = this.localesUrl ? new URL(this.localesUrl, document.baseURI).href : defaultLocalesUrl;
    const language = catalogLocale(locale);
    const key = `${baseUrl} ${language}`;
    if (key === this.catalogKey) return;
    this.catalogKey = key;
    if (language === 'en') {
      this.catalog = {};
      return;
    }
    this.catalog = undefined;
    catalogFor(language, baseUrl).then(
      (catalog) => {
        if (this.catalogKey === key) this.catalog = catalog;
      },
      (error: unknown) => {
        if (this.catalogKey !== key) return;
        console.warn(`<payin-checkout>: the "${language}" texts could not be loaded, showing English instead: ${error instanceof Error ? error.message : String(error)}`);
        this.catalog = {};
      },
    );
  }

  /** The view of the current snapshot, in the current language; undefined until both are there. */
  private view(): PayinView | undefined {
    const { snapshot, catalog, messages, secretChecks: checks } = this;
    if (!snapshot || !catalog) return undefined;
    const locale = this.resolvedLocale;
    const last = this.lastView;
    if (last && last.snapshot === snapshot && last.catalog === catalog && last.messages === messages && last.checks === checks && last.locale === locale) {
      return last.view;
    }
    // The same texts object while the texts stay: core makes one translator per object.
    const merged = last && last.catalog === catalog && last.messages === messages ? last.merged : { ...catalog, ...messages };
    const view = connectPayin(snapshot, this.send, { locale, messages: merged, secretChecks: checks });
    this.lastView = { snapshot, catalog, messages, merged, checks, locale, view };
    return view;
  }

  private startActor(): void {
    if (this.actor || !this.apiBase) return;
    const { timeoutMs, payTimeoutMs, retryLimit } = this.clientOptions ?? {};
    const client = createPayinClient({
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(payTimeoutMs !== undefined ? { payTimeoutMs } : {}),
      ...(retryLimit !== undefined ? { retryLimit } : {}),
      baseUrl: this.apiBase,
      getToken: (request) => (this.getToken ? this.getToken(request) : this.token),
    });
    const successUrl = this.successUrl || withoutReturnParam(`${location.origin}${location.pathname}${location.search}`);
    const actor = createActor(payinMachine, {
      input: {
        client,
        successUrl,
        ...(this.fromCurrency ? { fromCurrency: this.fromCurrency } : {}),
        ...(this.toCurrency ? { toCurrency: this.toCurrency } : {}),
        ...(this.amount ? { amount: this.amount } : {}),
        // Back from the bank page: the address names the payment, also where no storage kept its record.
        ...resumeFromAddress(location.href),
        ...(this.customer ? { customer: this.customer } : {}),
        ...(this.newCustomer ? { newCustomer: true } : {}),
        ...(this.machineOptions ? { options: this.machineOptions } : {}),
      },
    });
    actor.on('*', (event) => this.onEmitted(event as PayinEmitted));
    this.stopFollowingAddress = followReturnAddress(actor);
    actor.subscribe({
      next: (snapshot) => {
        this.snapshot = snapshot;
      },
      error: () => {
        // The machine handles every failure in its states; nothing reaches here by design.
      },
    });
    this.actor = actor;
    this.secretChecks = {};
    this.brand = undefined;
    this.redirectProblem = undefined;
    this.popupClosed = false;
    this.lastScreen = undefined;
    this.focusFirstError = false;
    actor.start();
    this.prepareCountryNames();
  }

  /**
   * Makes the country names of the language (once per page) while the first requests are under
   * way, so that the card form, which has a country select, does not wait on them.
   */
  private prepareCountryNames(): void {
    const locale = this.resolvedLocale;
    this.cancelIdleWork?.();
    this.cancelIdleWork = whenIdle(() => {
      this.cancelIdleWork = undefined;
      countries(locale);
    });
  }

  private stopActor(): void {
    this.cancelIdleWork?.();
    this.cancelIdleWork = undefined;
    this.stopFollowingAddress?.();
    this.stopFollowingAddress = undefined;
    this.actor?.stop();
    this.actor = undefined;
    if (this.popupWatch) clearInterval(this.popupWatch);
    this.popupWatch = undefined;
  }

  private onEmitted(event: PayinEmitted): void {
    switch (event.type) {
      case 'state-change': {
        if (event.step !== 'redirect') this.redirectProblem = undefined;
        // The actor's snapshot is already the new step's; `this.snapshot` follows only after the emit.
        const snapshot = this.actor?.getSnapshot() ?? this.snapshot;
        const screen = snapshot ? connectPayin(snapshot).screen : 'loading';
        this.dispatchEvent(new PayinStateChangeEvent(event.step, screen));
        break;
      }
      case 'success':
        if (!announcedPayments.has(event.receipt.offerId)) {
          announcedPayments.add(event.receipt.offerId);
          this.dispatchEvent(new PayinSuccessEvent(event.receipt));
        }
        break;
      case 'failure':
        this.dispatchEvent(new PayinFailureEvent(event.reason));
        break;
      case 'payment-record':
        this.dispatchEvent(new PayinPaymentRecordEvent(event.record, event.stored));
        break;
      case 'error':
        this.dispatchEvent(new PayinErrorEvent(event.error));
        break;
      case 'kyc-required':
        this.dispatchEvent(new PayinKycRequiredEvent(event.level));
        break;
      case 'auth-required':
        this.dispatchEvent(new PayinAuthRequiredEvent());
        break;
      case 'redirect':
        this.redirect(event.url, event.offerId);
        break;
      case 'offer':
        break;
    }
  }

  /** The bank page's address when it passes the checks (https, the allowed hosts), else undefined. */
  private checkedBankUrl(url: string | undefined): string | undefined {
    if (!url) return undefined;
    const check = checkRedirectUrl(url, parseHostList(this.allowedRedirectHosts));
    return check.ok ? check.url.href : undefined;
  }

  private redirect(url: string, offerId: string): void {
    const check = checkRedirectUrl(url, parseHostList(this.allowedRedirectHosts));
    if (!check.ok) {
      this.redirectProblem = check.reason;
      this.dispatchEvent(new PayinErrorEvent({ kind: 'unexpected', messageKey: 'error.redirect-blocked', retryable: false }));
      return;
    }
    const event = new PayinRedirectEvent(check.url.href, offerId);
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    if (this.redirectMode === 'popup') this.openPopup(check.url.href);
    else location.assign(check.url.href);
  }

  /** A bank page link on the screen was followed. */
  private openBank(event: Event, url: string, offerId: string): void {
    const redirect = new PayinRedirectEvent(url, offerId);
    this.dispatchEvent(redirect);
    if (redirect.defaultPrevented) {
      event.preventDefault();
      return;
    }
    // Same window (the link's own navigation) unless in popup mode with no popup closed yet.
    if (this.redirectMode !== 'popup' || this.popupClosed) return;
    event.preventDefault();
    this.openPopup(url);
  }

  private openPopup(url: string): void {
    const popup = window.open(url, POPUP_NAME, 'popup,width=480,height=720');
    if (!popup) {
      // Blocked: the bank page opens in this window; the return address brings the customer back.
      location.assign(url);
      return;
    }
    this.popup = popup;
    if (this.popupWatch) clearInterval(this.popupWatch);
    this.popupWatch = setInterval(() => {
      if (this.popup?.closed) this.popupReturned();
    }, 500);
  }

  private popupReturned(): void {
    if (this.popupWatch) clearInterval(this.popupWatch);
    this.popupWatch = undefined;
    this.popup = null;
    this.popupClosed = true;
    this.actor?.send({ type: 'REDIRECT.RETURNED' });
  }

  private get resolvedLocale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  }

  private host(view: PayinView): ViewHost {
    return {
      view,
      brand: this.brand,
      redirectBlocked: this.redirectProblem !== undefined,
      bankUrl: this.checkedBankUrl(view.redirectUrl),
      submit: (event) => this.submit(event, view),
      secretInput: (event) => {
        const input = event.target as HTMLInputElement;
        const name = input.name as SecretField;
        const atEnd = input.selectionStart === input.value.length;
        const typed = view.secretInput(name, input.value, this.secretChecks);
        if (typed.value !== input.value) {
          input.value = typed.value;
          if (atEnd) input.setSelectionRange(typed.value.length, typed.value.length);
        }
        if (name === 'cardNumber') this.brand = typed.brand;
        this.secretChecks = typed.checks;
      },
      secretBlur: (event) => {
        const input = event.target as HTMLInputElement;
        this.secretChecks = view.secretBlur(input.name as SecretField, input.value, this.secretChecks);
      },
      openBank: (event, url) => this.openBank(event, url, view.paymentReference ?? ''),
    };
  }

  /** A form was submitted: the view sends its screen's event, with the card secrets of the form's inputs. */
  private submit(event: SubmitEvent, view: PayinView): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const secrets = [...form.elements].filter((element): element is HTMLInputElement => element instanceof HTMLInputElement && view.fields[element.name as SecretField]?.secret === true);
    this.focusFirstError = true;
    this.secretChecks = {};
    view.submit(Object.fromEntries(secrets.map((input) => [input.name, input.value])));
    // The CVV lives only as long as the pay request.
    if (this.actor?.getSnapshot().matches('paying')) for (const input of secrets) input.value = '';
  }

  protected override updated(): void {
    const view = this.view();
    if (!view) return;
    if (this.lastScreen !== undefined && view.screen !== this.lastScreen && this.hadFocus) {
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
      this.focusFirstError = false;
    } else if (this.focusFirstError) {
      this.focusFirstError = false;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
    this.lastScreen = view.screen;
  }

  protected override render() {
    if (!this.apiBase) {
      return html`<p part="status">payin-checkout needs the <code>api-base</code> attribute and a token.</p>`;
    }
    const view = this.view();
    // Both live regions exist from the first render, so that screen readers announce changes.
    const regions = (polite: string, alert: string) =>
      html`<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${polite}</div>
        <div class="sr-only" aria-live="assertive" aria-atomic="true">${alert}</div>`;
    // Until the texts and the first state are there: the loading box, the size of the card form.
    if (!view) {
      const merchant = this.merchantName ? html`<p class="merchant ph-heading" aria-hidden="true">&nbsp;</p>` : nothing;
      return html`${regions('', '')}<section>${merchant}<div class="ph-heading" aria-hidden="true">&nbsp;</div>${loadingBox(englishTexts, undefined)}</section>`;
    }
    const host = this.host(view);
    const fieldError = view.formFields.find((field) => field.error)?.error;
    const failure = view.failure && `${view.failure.message} ${view.failure.adviceText}`;
    const alert = this.redirectProblem ? view.t('error.redirect-blocked') : (failure ?? view.error?.message ?? fieldError ?? '');
    const polite = view.countdownAnnouncement ?? view.notice ?? view.status ?? (view.busy ? view.busyLabel : '') ?? '';
    return html`${regions(polite, alert)}
      <section aria-labelledby="heading">
        ${this.merchantName ? html`<p class="merchant" part="merchant">${view.t('merchant.payTo', { merchant: this.merchantName })}</p>` : nothing}
        <h2 id="heading" tabindex="-1" part="heading">${view.heading}</h2>
        ${this.redirectProblem ? html`<div class="banner error" part="banner banner-error">${view.t('error.redirect-blocked')}</div>` : nothing}
        ${renderScreen(host)}
      </section>`;
  }
}
