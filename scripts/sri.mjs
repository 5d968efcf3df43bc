// Subresource Integrity of the element's self-contained files: writes the `sha384-…` of
// dist/payin-checkout.bundle.js and dist/payin-checkout.iife.js to packages/element/dist/sri.json
// and prints them. Run by the element's `build` script after rollup; the hashes change with
// every build that changes a byte of those files.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../packages/element/dist/', import.meta.url).pathname;
const files = ['payin-checkout.bundle.js', 'payin-checkout.iife.js'];

const sri = Object.fromEntries(
  files.map((file) => [file, `sha384-${createHash('sha384').update(readFileSync(join(dist, file))).digest('base64')}`]),
);
writeFileSync(join(dist, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
for (const [file, integrity] of Object.entries(sri)) console.log(`${file}  ${integrity}`);
