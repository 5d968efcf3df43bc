import { css } from 'lit';

/** The dark palette: under `prefers-color-scheme: dark` unless the host says `theme="light"`, and for `theme="dark"`. */
const darkPalette = css`
  --_bg: var(--payin-color-background, #16191d);
  --_surface: var(--payin-color-surface, #22262c);
  --_text: var(--payin-color-text, #e8eaed);
  --_muted: var(--payin-color-muted, #aab1ba);
  --_border: var(--payin-color-border, #7d8590);
  --_primary: var(--payin-color-primary, #4d8eff);
  --_on-primary: var(--payin-color-on-primary, #06132b);
  --_error: var(--payin-color-error, #f2b8b5);
  --_success: var(--payin-color-success, #7dd99c);
  color-scheme: dark;
`;

/** The light palette and every rule of the layout. */
const base = css`
  :host {
    --_bg: var(--payin-color-background, #ffffff);
    --_surface: var(--payin-color-surface, #f6f7f9);
    --_text: var(--payin-color-text, #1b1f24);
    --_muted: var(--payin-color-muted, #57606a);
    --_border: var(--payin-color-border, #8c959f);
    --_primary: var(--payin-color-primary, #0b57d0);
    --_on-primary: var(--payin-color-on-primary, #ffffff);
    --_error: var(--payin-color-error, #b3261e);
    --_success: var(--payin-color-success, #146c2e);
    --_focus: var(--payin-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));
    --_radius: var(--payin-radius, 10px);
    --_space: var(--payin-spacing, 16px);
    display: block;
    box-sizing: border-box;
    max-width: var(--payin-max-width, 480px);
    padding: var(--_space);
    border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
    border-radius: calc(var(--_radius) * 1.4);
    background: var(--_bg);
    color: var(--_text);
    font-family: var(--payin-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--payin-font-size, 16px);
    line-height: 1.45;
    color-scheme: light;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  h2,
  .ph-heading {
    margin: 0 0 calc(var(--_space) * 0.75);
    font-size: 1.25em;
    line-height: 1.25;
  }

  h2:focus {
    outline: none;
  }

  h2:focus-visible {
    outline: 2px solid color-mix(in srgb, var(--_primary) 60%, transparent);
    outline-offset: 4px;
    border-radius: 2px;
  }

  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  form,
  .skeleton {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }

  /* The loading box: the card form's outline, each placeholder the size of what it stands for. */
  .loading {
    position: relative;
  }

  .loading > .status {
    position: absolute;
    inset: 0;
    justify-content: center;
    margin: 0;
  }

  .ph-heading,
  .ph-label,
  .skeleton .hint {
    display: block;
    width: fit-content;
    border-radius: 4px;
    background: var(--_surface);
    color: transparent;
  }

  /* The security line's placeholder: its text, invisible, so that it wraps as the real one will. */
  .skeleton .trust {
    color: transparent;
  }

  .skeleton .trust span {
    border-radius: 4px;
    background: var(--_surface);
  }

  .ph-heading {
    width: 40%;
  }

  .ph-input {
    display: block;
  }

  .ph-button {
    flex: 1 1 auto;
    background: var(--_surface);
  }

  .row {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    grid-template-columns: 1fr 1fr;
    align-items: start;
  }

  @media (max-width: 380px) {
    .row {
      grid-template-columns: 1fr;
    }
  }

  .field {
    display: grid;
    gap: 4px;
    min-width: 0;
  }

  label,
  .ph-label {
    font-weight: 600;
    font-size: 0.9em;
  }

  .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }

  input,
  select,
  .ph-input {
    width: 100%;
    min-height: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }

  input:focus-visible,
  select:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
    border-color: var(--_primary);
  }

  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }

  .with-brand {
    position: relative;
  }

  .with-brand input {
    padding-right: 60px;
  }

  .mark {
    display: block;
    flex: none;
    width: 40px;
    height: 26px;
  }

  .brand {
    position: absolute;
    right: 10px;
    top: 50%;
    transform: translateY(-50%);
  }

  .merchant {
    margin: 0 0 4px;
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .trust {
    display: flex;
    gap: 8px;
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
  }

  .trust svg {
    flex: none;
    margin-top: 0.2em;
  }

  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 20px;
    margin: 0 0 calc(var(--_space) * 0.75);
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .summary div {
    display: flex;
    gap: 6px;
  }

  .summary dt {
    color: var(--_muted);
  }

  .summary dd {
    margin: 0;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  details {
    margin: 0 0 calc(var(--_space) * 0.75);
    color: var(--_muted);
    font-size: 0.875em;
  }

  summary {
    width: fit-content;
    cursor: pointer;
    border-radius: 4px;
  }

  summary:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  details p {
    margin: 4px 0 0;
    overflow-wrap: anywhere;
  }

  .error {
    color: var(--_error);
    font-size: 0.875em;
    font-weight: 600;
  }

  button,
  a.button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 44px;
    min-width: 44px;
    padding: 8px 16px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }

  button.primary,
  a.button.primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: space-between;
    align-items: center;
  }

  .actions .primary {
    flex: 1 1 auto;
  }

  .cards {
    display: grid;
    gap: 8px;
    margin: 0 0 calc(var(--_space) * 0.75);
    padding: 0;
    list-style: none;
  }

  .cards button {
    width: 100%;
    justify-content: flex-start;
    gap: 12px;
    background: var(--_surface);
  }

  .cards button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }

  .cards .hint {
    margin: 4px 0 0;
  }

  .figures {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr);
    gap: 6px 12px;
    margin: 0 0 calc(var(--_space) * 0.75);
    padding: 12px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .figures dt {
    color: var(--_muted);
  }

  .figures dd {
    margin: 0;
    text-align: right;
    overflow-wrap: anywhere;
    font-variant-numeric: tabular-nums;
  }

  @media (max-width: 400px) {
    :host {
      padding: calc(var(--_space) * 0.75);
    }
    .figures {
      padding: 10px;
      font-size: 0.9375em;
    }
  }

  .figures .total {
    font-weight: 700;
    color: var(--_text);
  }

  .estimate {
    color: var(--_muted);
    font-size: 0.85em;
  }

  .reference {
    margin: calc(var(--_space) * 0.75) 0 0;
    color: var(--_muted);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }

  .countdown {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }

  .banner {
    margin: 0 0 calc(var(--_space) * 0.75);
    padding: 10px 12px;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
  }

  .banner.error {
    border-color: var(--_error);
    color: var(--_text);
    font-weight: 400;
  }

  .banner p {
    margin: 0;
  }

  .banner p + p {
    margin-top: 4px;
  }

  .banner .actions {
    margin-top: 8px;
  }

  .success-mark {
    color: var(--_success);
    font-weight: 700;
  }

  .spinner {
    width: 20px;
    height: 20px;
    border: 3px solid color-mix(in srgb, var(--_primary) 25%, transparent);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }

  .status {
    display: flex;
    align-items: center;
    gap: 12px;
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-top-color: color-mix(in srgb, var(--_primary) 25%, transparent);
      border-right-color: var(--_primary);
    }
    * {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }

  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  a {
    color: var(--_primary);
  }
`;

/** The dark palette where it applies: `theme="dark"`, or the system's dark scheme unless `theme="light"` (unset and `auto` follow the system). */
const dark = css`
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }

  :host([theme='dark']) {
    ${darkPalette}
  }
`;

/** Every colour, size and font comes from a `--payin-*` custom property with a fallback. */
export const styles = [base, dark];
