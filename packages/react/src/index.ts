export { usePayin } from './use-payin.js';
export type { UsePayinOptions } from './use-payin.js';
export { reactFieldProps } from './field-props.js';
export type { ReactFieldProps } from './field-props.js';
export type { PayinHostOptions, PayinInput } from '@payin-checkout/core';
