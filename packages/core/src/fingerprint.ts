import type { Fingerprint } from './schemas/requests.js';

/**
 * Browser data for the card issuer's 3-D Secure risk checks, every field of the pay request.
 * Outside a browser (server rendering, tests in Node) it answers safe defaults.
 */
export function collectFingerprint(): Required<Omit<Fingerprint, 'acceptContent'>> {
  const nav = globalThis.navigator as Navigator | undefined;
  const screen = globalThis.screen as Screen | undefined;
  const win = typeof window === 'undefined' ? undefined : window;
  let timezone = 'UTC';
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // Keep UTC.
  }
  const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  return {
    timezone,
    browserColorDepth: screen?.colorDepth ?? 24,
    browserLanguage: nav?.language ?? 'en-US',
    browserScreenHeight: screen?.height ?? 0,
    browserScreenWidth: screen?.width ?? 0,
    browserPixelDepth: screen?.pixelDepth ?? 24,
    browserPixelRatio: String(win?.devicePixelRatio ?? 1),
    browserViewportHeight: win?.innerHeight ?? 0,
    browserViewportWidth: win?.innerWidth ?? 0,
    browserAcceptHeader: accept,
    os: platformName(nav),
    browserJavascriptEnabled: true,
    browserJavaEnabled: false,
  };
}

function platformName(nav: Navigator | undefined): string {
  const agent = nav?.userAgent ?? '';
  if (/Windows/i.test(agent)) return 'Windows';
  if (/Android/i.test(agent)) return 'Android';
  if (/iPhone|iPad|iPod/i.test(agent)) return 'iOS';
  if (/Mac OS X/i.test(agent)) return 'macOS';
  if (/Linux/i.test(agent)) return 'Linux';
  return agent ? 'Other' : 'Unknown';
}
