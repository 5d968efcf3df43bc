/**
 * KYC levels as Vault writes them, and the level each PayIn call needs.
 *
 * Vault's KYC status page lists `NONE`, `KYC1`, `KYC2`, `KYC3` in its text and answers `KYC_1` in its
 * example; its other pages write `KYC_0` and `KYC_1`. Both spellings are the same level.
 */

const LEVEL = /^KYC_?(\d+)$/;

/** The level's number (`KYC1` and `KYC_1` → 1), -1 for `NONE`; undefined for a value Vault does not document. */
export function kycRank(level: string | null | undefined): number | undefined {
  const text = (level ?? '').trim().toUpperCase();
  if (text === 'NONE') return -1;
  const match = LEVEL.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** A level in the checkout's spelling: `KYC1` → `KYC_1`, `none` → `NONE`; anything else as it came. */
export function kycLevelName(level: string): string {
  const rank = kycRank(level);
  if (rank === undefined) return level;
  return rank < 0 ? 'NONE' : `KYC_${rank}`;
}

/**
 * The level a call (`METHOD route`, as errors name it) needs, as Vault's KYC overview lists them:
 * every PayIn call from KYC_0 (rates, data, cards, billing addresses, offers), pay and its status
 * from KYC_1; undefined for a call Vault does not gate by level (profile, KYC data).
 */
export function kycLevelOfCall(endpoint: string): string | undefined {
  const [, path = ''] = endpoint.split(' ');
  if (!path.startsWith('/v3/payin/')) return undefined;
  return path.startsWith('/v3/payin/pay') ? 'KYC_1' : 'KYC_0';
}
