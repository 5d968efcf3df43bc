/**
 * The checkout as a React component with its own markup, on `@payin-checkout/react`: `usePayin`
 * gives the view model (`connectPayin`), with the fields of each screen's form (their attributes,
 * texts and choices) and the intents to call. No `<payin-checkout>` inside.
 */
import type { FieldView, PayinView, SubmittedSecrets } from '@payin-checkout/core';
import { reactFieldProps, usePayin } from '@payin-checkout/react';
import type { FormEvent, ReactNode } from 'react';
import { checkoutInput } from '../shared/checkout.js';

function Field({ view, field }: { view: PayinView; field: FieldView }) {
  const props = reactFieldProps(field.props);
  let control: ReactNode;
  if (field.control === 'select') {
    control = (
      <select {...props} value={field.value} onChange={(event) => view.setField(field.name, event.target.value)}>
        {(field.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (field.secret) {
    // Never bound to state: formatted as typed, checked when left, read from the form on submit.
    control = (
      <input
        {...props}
        onInput={(event) => {
          const input = event.currentTarget;
          input.value = view.secretInput(field.name, input.value).value;
        }}
        onBlur={(event) => view.secretBlur(field.name, event.currentTarget.value)}
      />
    );
  } else {
    control = <input {...props} value={field.value} onChange={(event) => view.setField(field.name, event.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={field.props.id}>{field.label}</label>
      {control}
      {field.hint && (
        <span className="hint" id={field.hintId}>
          {field.hint}
        </span>
      )}
      {field.error && (
        <span className="error" id={field.errorId}>
          {field.error}
        </span>
      )}
    </div>
  );
}

/** The screen's form: its fields in order and its submit button; card secrets are read only on submit. */
function ScreenForm({ view }: { view: PayinView }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const secrets: SubmittedSecrets = Object.fromEntries(view.formFields.filter((field) => field.secret).map((field) => [field.name, String(data.get(field.name) ?? '')]));
    view.submit(secrets);
  };
  return (
    <form noValidate onSubmit={submit}>
      {view.formFields.map((field) => (
        <Field key={field.name} view={view} field={field} />
      ))}
      <button type="submit" className="primary" aria-disabled={view.busy}>
        {view.submitLabel}
      </button>
    </form>
  );
}

function Figures({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="figures">
      {rows.map(([term, value]) => [<dt key={`t-${term}`}>{term}</dt>, <dd key={`d-${term}`}>{value}</dd>])}
    </dl>
  );
}

function Screen({ view: v }: { view: PayinView }) {
  switch (v.screen) {
    case 'profile':
    case 'new-card':
    case 'billing':
      return <ScreenForm view={v} />;
    case 'cards':
      return (
        <>
          <ul className="cards">
            {v.cards.map((card) => (
              <li key={card.cardId}>
                <button type="button" onClick={() => v.selectCard(card.cardId)}>
                  {card.label}
                </button>
              </li>
            ))}
          </ul>
          {v.can.newCard && (
            <button type="button" onClick={v.newCard}>
              {v.t('action.newCard')}
            </button>
          )}
        </>
      );
    case 'quote':
      return (
        <>
          {v.estimate && (
            <Figures
              rows={[
                [v.t('figure.rate'), v.estimate.rate],
                [v.t('figure.amountReceived'), v.estimate.amountReceived],
              ]}
            />
          )}
          <ScreenForm view={v} />
        </>
      );
    case 'offer':
    case 'paying':
      return (
        <>
          {v.offer && (
            <>
              <Figures
                rows={[
                  [v.t('figure.rate'), v.offer.rate],
                  ...v.offer.fees.map((fee): [string, string] => [fee.name, fee.amount]),
                  [v.t('figure.totalCharged'), v.offer.totalCharged],
                  [v.t('figure.amountReceived'), v.offer.amountReceived],
                ]}
              />
              <p className="hint">{v.t('figure.expiresIn', { seconds: v.offer.secondsLeft })}</p>
            </>
          )}
          {v.can.acceptPrice && (
            <button type="button" onClick={v.acceptPrice}>
              {v.t('action.acceptPrice')}
            </button>
          )}
          {v.screen === 'offer' && <ScreenForm view={v} />}
        </>
      );
    case 'redirect':
      return v.redirectUrl ? <a href={v.redirectUrl}>{v.t('action.openBank')}</a> : null;
    case 'success':
      return (
        <>
          <p>{v.t('receipt.thanks')}</p>
          {v.receipt && (
            <Figures
              rows={[
                [v.t('receipt.reference'), v.receipt.reference],
                [v.t('receipt.amount'), v.receipt.amount],
                ...(v.receipt.totalCharged ? [[v.t('receipt.paid'), v.receipt.totalCharged] as [string, string]] : []),
                ...(v.receipt.received ? [[v.t('receipt.received'), v.receipt.received] as [string, string]] : []),
                ...(v.receipt.card ? [[v.t('receipt.card'), v.receipt.card] as [string, string]] : []),
              ]}
            />
          )}
        </>
      );
    case 'failure':
      return (
        <>
          <p>{v.failure?.message}</p>
          {v.failure?.adviceText && <p>{v.failure.adviceText}</p>}
        </>
      );
    default:
      return null;
  }
}

export function Checkout({ token }: { token: string }) {
  // The bank page is on the sandbox, this page's own origin.
  const v = usePayin(checkoutInput(token), { locale: 'en', allowedRedirectHosts: [location.host] });
  const problem = v.error?.message ?? v.failure?.message;
  // After a failed payment: "Use another card", first when the view says it leads.
  const anotherCard = v.screen === 'failure' && v.can.changeCard && (
    <button type="button" onClick={v.changeCard}>
      {v.t('failure.anotherCard')}
    </button>
  );
  const cardFirst = v.failure?.lead === 'changeCard';
  return (
    <section className="payin" aria-busy={v.busy}>
      <h2>{v.heading}</h2>
      <div role="alert">{problem && v.screen !== 'failure' && <p className="banner error">{problem}</p>}</div>
      {v.notice && <p className="notice">{v.notice}</p>}
      <p role="status">{v.busy ? (v.busyLabel ?? '') : (v.status ?? '')}</p>
      <Screen view={v} />
      <div className="actions">
        {cardFirst && anotherCard}
        {v.can.retry && (
          <button type="button" onClick={v.retry}>
            {v.t('action.retry')}
          </button>
        )}
        {!cardFirst && anotherCard}
        {v.can.back && (
          <button type="button" onClick={v.back}>
            {v.t('action.back')}
          </button>
        )}
        {v.can.checkStatus && (
          <button type="button" onClick={v.checkStatus}>
            {v.t('action.checkStatus')}
          </button>
        )}
      </div>
    </section>
  );
}
