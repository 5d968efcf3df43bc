/** Date formats of Vault's answers. */

/** ISO date-time with a numeric offset: `2024-03-12T07:57:40.844+00:00`. */
export const isoWithOffset = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');

/** Transaction dates, local-style without offset: `2024-03-12T11:23:20`. */
export const transactionDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
