/**
 * The checkout as an Angular standalone component with its own markup, on
 * `@payin-checkout/angular`: `injectPayin` gives the view model (`connectPayin`) as a signal, with
 * the fields of each screen's form (their attributes, texts and choices) and the intents the
 * template calls. Zoneless: the signal drives change detection.
 */
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { injectPayin } from '@payin-checkout/angular';
import type { FieldView, SubmittedSecrets } from '@payin-checkout/core';
import { checkoutInput, demoCustomer } from '../shared/checkout.js';

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

      <ng-template #screenForm>
        <form novalidate (submit)="$event.preventDefault(); submit($any($event.target))">
          @for (field of v.formFields; track field.name) {
            <div class="field">
              <label [for]="field.props.id">{{ field.label }}</label>
              @if (field.control === 'select') {
                <select [id]="field.props.id" [name]="field.name" [attr.autocomplete]="field.props.autocomplete" [required]="field.props.required"
                  [attr.aria-invalid]="field.props['aria-invalid']" [attr.aria-describedby]="field.props['aria-describedby'] ?? null"
                  (change)="setField(field, $any($event.target).value)">
                  @for (option of field.options; track option.value) {
                    <option [value]="option.value" [selected]="option.value === field.value">{{ option.label }}</option>
                  }
                </select>
              } @else if (field.secret) {
                <!-- Never bound to state: formatted as typed, checked when left, read from the form on submit. -->
                <input [id]="field.props.id" [name]="field.name" [attr.type]="field.props.type" [attr.inputmode]="field.props.inputmode"
                  [attr.enterkeyhint]="field.props.enterkeyhint" [attr.autocomplete]="field.props.autocomplete" [required]="field.props.required"
                  [attr.maxlength]="field.props.maxlength ?? null" [attr.spellcheck]="field.props.spellcheck ?? null"
                  [attr.aria-invalid]="field.props['aria-invalid']" [attr.aria-describedby]="field.props['aria-describedby'] ?? null"
                  (input)="secretInput(field, $any($event.target))" (blur)="secretBlur(field, $any($event.target).value)" />
              } @else {
                <input [id]="field.props.id" [name]="field.name" [attr.type]="field.props.type" [attr.inputmode]="field.props.inputmode"
                  [attr.enterkeyhint]="field.props.enterkeyhint" [attr.autocomplete]="field.props.autocomplete" [required]="field.props.required"
                  [attr.aria-invalid]="field.props['aria-invalid']" [attr.aria-describedby]="field.props['aria-describedby'] ?? null"
                  [value]="field.value" (input)="setField(field, $any($event.target).value)" />
              }
              @if (field.hint) { <span class="hint" [id]="field.hintId">{{ field.hint }}</span> }
              @if (field.error) { <span class="error" [id]="field.errorId">{{ field.error }}</span> }
            </div>
          }
          <button type="submit" class="primary" [attr.aria-disabled]="v.busy">{{ v.submitLabel }}</button>
        </form>
      </ng-template>

      @switch (v.screen) {
        @case ('cards') {
          <ul class="cards">
            @for (card of v.cards; track card.cardId) {
              <li><button type="button" (click)="v.selectCard(card.cardId)">{{ card.label }}</button></li>
            }
          </ul>
          @if (v.can.newCard) { <button type="button" (click)="v.newCard()">{{ v.t('action.newCard') }}</button> }
        }
        @case ('quote') {
          @if (v.estimate; as estimate) {
            <dl class="figures">
              <dt>{{ v.t('figure.rate') }}</dt><dd>{{ estimate.rate }}</dd>
              <dt>{{ v.t('figure.amountReceived') }}</dt><dd>{{ estimate.amountReceived }}</dd>
            </dl>
          }
          <ng-container *ngTemplateOutlet="screenForm" />
        }
        @case ('offer') { <ng-container *ngTemplateOutlet="offerFigures" /> <ng-container *ngTemplateOutlet="screenForm" /> }
        @case ('paying') { <ng-container *ngTemplateOutlet="offerFigures" /> }
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
        @case ('failure') {
          <p>{{ v.failure?.message }}</p>
          @if (v.failure?.adviceText) { <p>{{ v.failure?.adviceText }}</p> }
        }
        @default {
          @if (v.formFields.length > 0) { <ng-container *ngTemplateOutlet="screenForm" /> }
        }
      }

      <ng-template #offerFigures>
        @if (v.offer; as offer) {
          <dl class="figures">
            <dt>{{ v.t('figure.rate') }}</dt><dd>{{ offer.rate }}</dd>
            @for (fee of offer.fees; track fee.name) { <dt>{{ fee.name }}</dt><dd>{{ fee.amount }}</dd> }
            <dt>{{ v.t('figure.totalCharged') }}</dt><dd>{{ offer.totalCharged }}</dd>
            <dt>{{ v.t('figure.amountReceived') }}</dt><dd>{{ offer.amountReceived }}</dd>
          </dl>
          <p class="hint">{{ v.t('figure.expiresIn', { seconds: offer.secondsLeft }) }}</p>
        }
        @if (v.can.acceptPrice) { <button type="button" (click)="v.acceptPrice()">{{ v.t('action.acceptPrice') }}</button> }
      </ng-template>

      <ng-template #anotherCard>
        @if (v.screen === 'failure' && v.can.changeCard) { <button type="button" (click)="v.changeCard()">{{ v.t('failure.anotherCard') }}</button> }
      </ng-template>
      <div class="actions">
        <!-- After a failed payment: "Use another card", first when the view says it leads. -->
        @if (v.failure?.lead === 'changeCard') { <ng-container *ngTemplateOutlet="anotherCard" /> }
        @if (v.can.retry) { <button type="button" (click)="v.retry()">{{ v.t('action.retry') }}</button> }
        @if (v.failure?.lead !== 'changeCard') { <ng-container *ngTemplateOutlet="anotherCard" /> }
        @if (v.can.back) { <button type="button" (click)="v.back()">{{ v.t('action.back') }}</button> }
        @if (v.can.checkStatus) { <button type="button" (click)="v.checkStatus()">{{ v.t('action.checkStatus') }}</button> }
      </div>
    </section>
  `,
})
export class CheckoutComponent {
  // The bank page is on the sandbox, this page's own origin.
  readonly view = injectPayin(checkoutInput(demoCustomer()), { locale: 'en', allowedRedirectHosts: [location.host] });

  setField(field: FieldView, value: string): void {
    if (!field.secret) this.view().setField(field.name, value);
  }

  secretInput(field: FieldView, input: HTMLInputElement): void {
    if (field.secret) input.value = this.view().secretInput(field.name, input.value).value;
  }

  secretBlur(field: FieldView, value: string): void {
    if (field.secret) this.view().secretBlur(field.name, value);
  }

  /** Submits the screen's form; its card secrets are read from the form only now. */
  submit(form: HTMLFormElement): void {
    const data = new FormData(form);
    const secrets: SubmittedSecrets = Object.fromEntries(this.view().formFields.filter((field) => field.secret).map((field) => [field.name, String(data.get(field.name) ?? '')]));
    this.view().submit(secrets);
  }
}
