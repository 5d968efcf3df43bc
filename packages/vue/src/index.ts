export { usePayin } from './use-payin.js';
export type { UsePayinOptions } from './use-payin.js';
export type { PayinHostOptions, PayinInput } from '@payin-checkout/core';
