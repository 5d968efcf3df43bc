/** The API areas the test controls count and fault, one id per endpoint. */
export const routeIds = [
  'token',
  'kyc-data',
  'kyc-limits',
  'profile',
  'catalog',
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

/** The PayIn calls (`/v3/payin/…`): those the catalog's `PAYIN_CARD` opens or closes. */
const PAYIN_ROUTES: ReadonlySet<RouteId> = new Set(['card', 'billing-address', 'data', 'fiat-rates', 'offer-create', 'offer-update', 'pay', 'pay-callback']);

export const isPayinRoute = (route: RouteId): boolean => PAYIN_ROUTES.has(route);
