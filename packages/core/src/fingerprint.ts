import type { Fingerprint } from './schemas/requests.js';

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * Browser data for the card issuer's 3-D Secure risk checks: every field of the pay request's
 * `fingerprint`, with the JSON types Vault documents. `timezone` is the UTC offset in minutes as the
 * browser reports it (`getTimezoneOffset`: UTC minus local time, -60 in Berlin in winter, 300 in New
 * York), `acceptContent` and `browserAcceptHeader` the Accept header a browser sends for a page.
 * Outside a browser (server rendering, tests in Node) it answers safe defaults.
 */
export function collectFingerprint(now: Date = new Date()): Required<Fingerprint> {
  const nav = globalThis.navigator as Navigator | undefined;
  const screen = globalThis.screen as Screen | undefined;
  const win = typeof window === 'undefined' ? undefined : window;
  const offset = now.getTimezoneOffset();
  return {
    timezone: Number.isInteger(offset) ? offset : 0,
    browserColorDepth: whole(screen?.colorDepth, 24),
    browserLanguage: nav?.language ?? 'en-US',
    browserScreenHeight: whole(screen?.height, 0),
    browserScreenWidth: whole(screen?.width, 0),
    browserPixelDepth: whole(screen?.pixelDepth, 24),
    browserPixelRatio: String(win?.devicePixelRatio ?? 1),
    browserViewportHeight: whole(win?.innerHeight, 0),
    browserViewportWidth: whole(win?.innerWidth, 0),
    browserAcceptHeader: ACCEPT,
    acceptContent: ACCEPT,
    os: platformName(nav),
    browserJavascriptEnabled: true,
    browserJavaEnabled: false,
  };
}

/** A whole number of pixels or bits, as Vault types them. */
const whole = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;

function platformName(nav: Navigator | undefined): string {
  const agent = nav?.userAgent ?? '';
  if (/Windows/i.test(agent)) return 'Windows';
  if (/Android/i.test(agent)) return 'Android';
  if (/iPhone|iPad|iPod/i.test(agent)) return 'iOS';
  if (/Mac OS X/i.test(agent)) return 'macOS';
  if (/Linux/i.test(agent)) return 'Linux';
  return agent ? 'Other' : 'Unknown';
}
