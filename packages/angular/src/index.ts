export { injectPayin } from './inject-payin.js';
export type { InjectPayinOptions } from './inject-payin.js';
export type { PayinHostOptions, PayinInput } from '@payin-checkout/core';
