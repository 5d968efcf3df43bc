// The Chromium every browser run of the project drives (tests, soak, screenshots, the consumer
// test, the bench): Debian's package, never a downloaded browser.
import { existsSync } from 'node:fs';

/** Flags of every headless run. */
export const chromiumFlags = [
  '--headless=new',
  '--no-sandbox', // running as root in CI containers
  '--disable-gpu',
  // Without these Chromium keeps calling Google services, which a closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * `CHROME_PATH` when set (and not empty), else Debian's chromium: the binary itself, skipping the
 * /usr/bin/chromium shell wrapper and its harmless "[: unexpected operator" line. Undefined when
 * there is none (scripts/ensure-chromium.sh installs it).
 */
export function findChromium() {
  return [process.env.CHROME_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => path && existsSync(path));
}
