// Sizes of the self-contained element beside the dependency floor and beside peers' checkouts,
// every file minified with the same rollup plugins and terser settings (scripts/size-lib.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, config, coreDir, elementDir, elementDist, floorEntry, measure, measureFloor } from '../size-lib.mjs';

/** Each peer's entry: what a page imports to show that vendor's card form. */
export const PEERS = [
  {
    name: '@adyen/adyen-web',
    what: '`AdyenCheckout` + `Card`, with `styles/adyen.css`',
    entry: "import { AdyenCheckout, Card } from '@adyen/adyen-web';\nexport default [AdyenCheckout, Card];\n",
    css: ['@adyen/adyen-web/styles/adyen.css'],
  },
  {
    name: 'braintree-web-drop-in',
    what: 'the Drop-in (`dropin.create`)',
    entry: "import dropin from 'braintree-web-drop-in';\nexport default dropin.create;\n",
    css: [],
  },
  {
    name: '@primer-io/primer-js',
    what: '`loadPrimer` (the `<primer-checkout>` components)',
    entry: "import { loadPrimer } from '@primer-io/primer-js';\nexport default loadPrimer;\n",
    css: [],
  },
];

/** `process.env.NODE_ENV` as a production build defines it, so that development branches drop out. */
const productionEnv = () => ({
  name: 'production-env',
  transform(code) {
    return code.includes('process.env.NODE_ENV') ? { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null } : null;
  },
});

/**
 * Bundles each peer from the scratch directory where it was installed, with the element's
 * self-contained plugin set plus CommonJS and JSON support (also installed there), then measures
 * the JavaScript and the CSS a page includes with it.
 */
async function measurePeer(peer, scratch) {
  const requireFromScratch = createRequire(join(scratch, 'package.json'));
  const load = async (name) => (await import(pathToFileURL(requireFromScratch.resolve(name)).href)).default;
  const commonjs = await load('@rollup/plugin-commonjs');
  const json = await load('@rollup/plugin-json');
  const entry = join(scratch, `entry-${peer.name.replace(/\W/g, '_')}.mjs`);
  writeFileSync(entry, peer.entry);
  const [resolve, ...rest] = config.selfContainedPlugins({ templates: false });
  const code = await bundle(entry, [productionEnv(), resolve, commonjs(), json(), ...rest], { inlineDynamicImports: true });
  const js = measure(code);
  const css = peer.css.map((file) => measure(readFileSync(requireFromScratch.resolve(file))));
  const total = {
    min: js.min + css.reduce((sum, part) => sum + part.min, 0),
    gzip: js.gzip + css.reduce((sum, part) => sum + part.gzip, 0),
    brotli: js.brotli + css.reduce((sum, part) => sum + part.brotli, 0),
  };
  return { js, css, total };
}

export async function measureSizes(scratch, versions) {
  const element = measure(readFileSync(join(elementDist, 'payin-checkout.bundle.js')));
  const floor = await measureFloor(floorEntry([coreDir, elementDir]));
  const peers = [];
  for (const peer of PEERS) {
    try {
      peers.push({ ...peer, version: versions[peer.name], ...(await measurePeer(peer, scratch)) });
    } catch (error) {
      peers.push({ ...peer, version: versions[peer.name], error: String(error?.message ?? error).split('\n')[0] });
    }
  }
  return { element, floor, peers };
}
