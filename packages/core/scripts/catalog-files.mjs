// The shipped message catalogs other than English (src/i18n/locales/*.json), for the builds of
// core and the element: each build copies them into its dist/locales/, byte for byte, and the
// element's builds embed their sha384 hashes so that a changed file is refused when fetched.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../src/i18n/locales/', import.meta.url);

/** Every catalog file: language, file name, bytes and `sha384-…` hash. */
export const catalogFiles = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => {
    const source = readFileSync(new URL(name, dir));
    return {
      language: name.slice(0, -'.json'.length),
      fileName: `locales/${name}`,
      path: new URL(name, dir).pathname,
      source,
      integrity: `sha384-${createHash('sha384').update(source).digest('base64')}`,
    };
  });

/** The hashes by language, as the element's `__PAYIN_CATALOG_INTEGRITY__` constant. */
export const catalogIntegrity = Object.fromEntries(catalogFiles.map((file) => [file.language, file.integrity]));

/** A rollup plugin that writes the catalogs into the output folder as `locales/<language>.json`. */
export const copyCatalogs = () => ({
  name: 'payin-catalogs',
  buildStart() {
    for (const file of catalogFiles) this.addWatchFile(file.path);
  },
  generateBundle() {
    for (const file of catalogFiles) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
  },
});
