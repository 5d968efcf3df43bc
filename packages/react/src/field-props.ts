/**
 * A field's attributes (`FieldView.props`, named as in HTML) under the names React gives them, to
 * spread onto an `<input>` or `<select>`.
 */
import type { FieldProps } from '@payin-checkout/core';

export interface ReactFieldProps {
  id: string;
  name: string;
  type?: FieldProps['type'];
  autoComplete: string;
  inputMode?: FieldProps['inputmode'];
  enterKeyHint?: FieldProps['enterkeyhint'];
  required: boolean;
  maxLength?: number;
  spellCheck?: boolean;
  'aria-invalid': FieldProps['aria-invalid'];
  'aria-describedby'?: string;
}

/** `autocomplete` as `autoComplete`, `maxlength` as `maxLength`, …: the props React sets as those attributes. */
export function reactFieldProps(props: FieldProps): ReactFieldProps {
  const { autocomplete, inputmode, enterkeyhint, maxlength, spellcheck, ...same } = props;
  // `spellcheck` is only ever `false` (card secrets).
  return {
    ...same,
    autoComplete: autocomplete,
    ...(inputmode === undefined ? {} : { inputMode: inputmode }),
    ...(enterkeyhint === undefined ? {} : { enterKeyHint: enterkeyhint }),
    ...(maxlength === undefined ? {} : { maxLength: maxlength }),
    ...(spellcheck === undefined ? {} : { spellCheck: false }),
  };
}
