/** Checks of the bank page (3-D Secure) address before the customer is sent there, for every renderer. */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type RedirectCheck = { ok: true; url: URL } | { ok: false; reason: 'invalid' | 'insecure' | 'host' };

/** https only (http only for loopback, for local sandboxes); the host list when one is set. */
export function checkRedirectUrl(raw: string, allowedHosts: readonly string[]): RedirectCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) return { ok: false, reason: 'insecure' };
  if (allowedHosts.length > 0 && !allowedHosts.includes(url.host) && !allowedHosts.includes(url.hostname)) {
    return { ok: false, reason: 'host' };
  }
  return { ok: true, url };
}

/** Splits the `allowed-redirect-hosts` attribute (spaces or commas). */
export const parseHostList = (value: string | null | undefined): string[] =>
  (value ?? '').split(/[\s,]+/).map((host) => host.trim().toLowerCase()).filter(Boolean);
