/**
 * The checkout as an Angular standalone component with its own markup: a signal holds the view
 * model (`connectPayin`), fed by `actor.subscribe`; the template sends the machine events.
 */
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { checkRedirectUrl, connectPayin, followReturnAddress, payinMachine, resumeFromAddress, seal, type FieldName, type FieldView, type PayinView, type TextField } from '@payin-checkout/core';
import { createActor } from 'xstate';
import { COUNTRIES, checkoutInput, demoCustomer } from '../shared/checkout.js';

@Component({
  selector: 'payin-checkout-angular',
  imports: [NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let v = view();
    <section class="payin" [attr.aria-busy]="v.busy">
      <h2>{{ v.heading }}</h2>
      <div role="alert">
        @if ((v.error?.message ?? v.failure?.message) && v.screen !== 'failure') {
          <p class="banner error">{{ v.error?.message ?? v.failure?.message }}</p>
        }
      </div>
      @if (v.notice) {
        <p class="notice">{{ v.notice }}</p>
      }
      <p role="status">{{ v.busy ? v.busyLabel : (v.status ?? '') }}</p>

      <ng-template #textField let-name>
        <div class="field">
          <label [for]="'f-' + name">{{ v.t('label.' + name) }}</label>
          <input [id]="'f-' + name" [name]="name" [value]="field(name).value" [attr.autocomplete]="autocomplete[name] ?? 'off'"
            [attr.aria-invalid]="field(name).error ? 'true' : null" [attr.aria-describedby]="field(name).error ? 'e-' + name : null"
            (input)="change(name, $any($event.target).value)" />
          @if (field(name).error) { <span class="error" [id]="'e-' + name">{{ field(name).error }}</span> }
        </div>
      </ng-template>
      <ng-template #secretField let-name>
        <div class="field">
          <label [for]="'f-' + name">{{ v.t('label.' + name) }}</label>
          <input [id]="'f-' + name" [name]="name" inputmode="numeric" [attr.autocomplete]="autocomplete[name]"
            [attr.aria-invalid]="field(name).error ? 'true' : null" [attr.aria-describedby]="field(name).error ? 'e-' + name : null" />
          @if (field(name).error) { <span class="error" [id]="'e-' + name">{{ field(name).error }}</span> }
        </div>
      </ng-template>
      <ng-template #addressFields>
        @for (name of addressNames; track name) {
          <ng-container *ngTemplateOutlet="textField; context: { $implicit: name }" />
        }
        <div class="field">
          <label for="f-countryCode">{{ v.t('label.countryCode') }}</label>
          <select id="f-countryCode" name="countryCode" autocomplete="billing country" (change)="change('countryCode', $any($event.target).value)"
            [attr.aria-invalid]="v.fields.countryCode.error ? 'true' : null" [attr.aria-describedby]="v.fields.countryCode.error ? 'e-countryCode' : null">
            <option value="">—</option>
            @for (country of countries; track country[0]) {
              <option [value]="country[0]" [selected]="country[0] === v.fields.countryCode.value">{{ country[1] }}</option>
            }
          </select>
          @if (v.fields.countryCode.error) { <span class="error" id="e-countryCode">{{ v.fields.countryCode.error }}</span> }
        </div>
      </ng-template>

      @switch (v.screen) {
        @case ('cards') {
          <ul class="cards">
            @for (card of v.cards; track card.cardId) {
              <li><button type="button" (click)="send({ type: 'CARD.SELECT', cardId: card.cardId })">{{ card.label }}</button></li>
            }
          </ul>
          @if (v.can.newCard) { <button type="button" (click)="send({ type: 'CARD.NEW' })">{{ v.t('action.newCard') }}</button> }
        }
        @case ('new-card') {
          <form novalidate (submit)="$event.preventDefault(); addCard($any($event.target))">
            <ng-container *ngTemplateOutlet="secretField; context: { $implicit: 'cardNumber' }" />
            <ng-container *ngTemplateOutlet="secretField; context: { $implicit: 'cardExpiry' }" />
            <ng-container *ngTemplateOutlet="textField; context: { $implicit: 'cardHolder' }" />
            <ng-container *ngTemplateOutlet="addressFields" />
            <button type="submit" class="primary" [attr.aria-disabled]="v.busy">{{ v.t('action.continue') }}</button>
          </form>
        }
        @case ('billing') {
          <form novalidate (submit)="$event.preventDefault(); send({ type: 'BILLING.SUBMIT' })">
            <ng-container *ngTemplateOutlet="addressFields" />
            <button type="submit" class="primary" [attr.aria-disabled]="v.busy">{{ v.t('action.continue') }}</button>
          </form>
        }
        @case ('quote') {
          <form novalidate (submit)="$event.preventDefault(); send({ type: 'QUOTE.SUBMIT' })">
            <ng-container *ngTemplateOutlet="textField; context: { $implicit: 'amount' }" />
            @if (v.limits) { <p class="hint">{{ v.limits }}</p> }
            @if (v.estimate; as estimate) {
              <dl class="figures">
                <dt>{{ v.t('figure.rate') }}</dt><dd>{{ estimate.rate }}</dd>
                <dt>{{ v.t('figure.amountReceived') }}</dt><dd>{{ estimate.amountReceived }}</dd>
              </dl>
            }
            <button type="submit" class="primary" [attr.aria-disabled]="v.busy">{{ v.t('action.getOffer') }}</button>
          </form>
        }
        @case ('offer') { <ng-container *ngTemplateOutlet="offerScreen" /> }
        @case ('paying') { <ng-container *ngTemplateOutlet="offerScreen" /> }
        @case ('redirect') {
          @if (v.redirectUrl) { <a [href]="v.redirectUrl">{{ v.t('action.openBank') }}</a> }
        }
        @case ('success') {
          <p>{{ v.t('receipt.thanks') }}</p>
          @if (v.receipt; as receipt) {
            <dl class="figures">
              <dt>{{ v.t('receipt.reference') }}</dt><dd>{{ receipt.reference }}</dd>
              <dt>{{ v.t('receipt.amount') }}</dt><dd>{{ receipt.amount }}</dd>
              @if (receipt.totalCharged) { <dt>{{ v.t('receipt.paid') }}</dt><dd>{{ receipt.totalCharged }}</dd> }
              @if (receipt.received) { <dt>{{ v.t('receipt.received') }}</dt><dd>{{ receipt.received }}</dd> }
              @if (receipt.card) { <dt>{{ v.t('receipt.card') }}</dt><dd>{{ receipt.card }}</dd> }
            </dl>
          }
        }
        @case ('failure') { <p>{{ v.failure?.message }}</p> }
      }

      <ng-template #offerScreen>
        @if (v.offer; as offer) {
          <dl class="figures">
            <dt>{{ v.t('figure.rate') }}</dt><dd>{{ offer.rate }}</dd>
            @for (fee of offer.fees; track fee.name) { <dt>{{ fee.name }}</dt><dd>{{ fee.amount }}</dd> }
            <dt>{{ v.t('figure.totalCharged') }}</dt><dd>{{ offer.totalCharged }}</dd>
            <dt>{{ v.t('figure.amountReceived') }}</dt><dd>{{ offer.amountReceived }}</dd>
          </dl>
          <p class="hint">{{ v.t('figure.expiresIn', { seconds: offer.secondsLeft }) }}</p>
        }
        @if (v.can.acceptPrice) { <button type="button" (click)="send({ type: 'PRICE.ACCEPT' })">{{ v.t('action.acceptPrice') }}</button> }
        <form novalidate (submit)="$event.preventDefault(); pay($any($event.target))">
          <ng-container *ngTemplateOutlet="secretField; context: { $implicit: 'cardCVV' }" />
          <button type="submit" class="primary" [attr.aria-disabled]="v.busy">{{ v.t('action.pay') }}</button>
        </form>
      </ng-template>

      <div class="actions">
        @if (v.can.retry) { <button type="button" (click)="send({ type: 'RETRY' })">{{ v.t('action.retry') }}</button> }
        @if (v.can.back) { <button type="button" (click)="send({ type: 'BACK' })">{{ v.t('action.back') }}</button> }
        @if (v.can.checkStatus) { <button type="button" (click)="send({ type: 'STATUS.CHECK' })">{{ v.t('action.checkStatus') }}</button> }
      </div>
    </section>
  `,
})
export class CheckoutComponent {
  // Back from the bank page, the address names the payment (also where no storage kept its record).
  private readonly actor = createActor(payinMachine, { input: { ...checkoutInput(demoCustomer()), ...resumeFromAddress(location.href) } });
  readonly view = signal<PayinView>(connectPayin(this.actor.getSnapshot()));
  readonly send = this.actor.send.bind(this.actor);
  readonly countries = COUNTRIES;
  readonly addressNames: TextField[] = ['address', 'zip', 'city'];
  readonly autocomplete: Record<string, string> = {
    cardNumber: 'cc-number',
    cardExpiry: 'cc-exp',
    cardCVV: 'cc-csc',
    cardHolder: 'cc-name',
    address: 'billing address-line1',
    zip: 'billing postal-code',
    city: 'billing address-level2',
    amount: 'transaction-amount',
  };

  constructor() {
    const subscription = this.actor.subscribe((snapshot) => this.view.set(connectPayin(snapshot)));
    this.actor.on('redirect', ({ url }) => {
      // 3-D Secure bank page, same window; core's check: https (http on loopback), a valid URL.
      if (checkRedirectUrl(url, [location.host]).ok) location.assign(url);
    });
    const stopFollowing = followReturnAddress(this.actor);
    this.actor.start();
    inject(DestroyRef).onDestroy(() => {
      stopFollowing();
      subscription.unsubscribe();
      this.actor.stop();
    });
  }

  /** A field of the view model by name (template contexts hand names over untyped). */
  field(name: string): FieldView {
    return this.view().fields[name as FieldName];
  }

  change(field: TextField, value: string): void {
    this.send({ type: 'FIELD.CHANGE', field, value });
  }

  addCard(form: HTMLFormElement): void {
    const data = new FormData(form);
    this.send({ type: 'CARD.ADD', card: seal({ number: String(data.get('cardNumber') ?? ''), expiry: String(data.get('cardExpiry') ?? '') }) });
  }

  pay(form: HTMLFormElement): void {
    this.send({ type: 'PAY.SUBMIT', cvv: seal(String(new FormData(form).get('cardCVV') ?? '')) });
  }
}
