/** The API areas the test controls count and fault, one id per endpoint. */
export const routeIds = [
  'token',
  'kyc-data',
  'profile',
  'card',
  'billing-address',
  'data',
  'fiat-rates',
  'offer-create',
  'offer-update',
  'pay',
  'pay-callback',
] as const;

export type RouteId = (typeof routeIds)[number];
