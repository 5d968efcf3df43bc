// Size report of the distribution builds: `npm run size` (or `pnpm run size`) at the root.
// Builds first when dist/ is missing or older than the sources, then prints the gzip (level 9)
// and brotli (quality 11) sizes of core, the element and the dependency floor, checks the
// budgets below and exits non-zero past one. Then it lists what the self-contained element file
// is made of, by package and by module.
//
// Every measured file is minified the same way: rollup with the plugins and terser settings of
// packages/element/rollup.config.mjs. The self-contained element files are measured as built in
// packages/element/dist; the other rows are built in memory here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundle, config, coreDir, elementDir, elementDist, floorEntry, gzip, measure, measureFloor, root } from './size-lib.mjs';

const KiB = 1024;
/**
 * Budgets in KiB: core with its dependencies bundled (what a headless page pays) and each
 * self-contained element file (what a script-tag page pays), as decided on 2026-12-08 for the
 * features of that day; they move only by decision. For reference, with their CSS: Adyen's card
 * component is about 112 KiB gzip, Primer's web SDK about 271.
 */
const budgets = { coreBundled: { gzip: 52 }, selfContained: { gzip: 64, brotli: 56 } };

// ---------------------------------------------------------------------------------------------
// 1. Build when needed.

const outputs = [
  join(coreDir, 'dist', 'index.js'),
  join(coreDir, 'dist', 'index.d.ts'),
  join(elementDist, 'payin-checkout.js'),
  join(elementDist, 'payin-checkout.d.ts'),
  join(elementDist, 'payin-checkout.bundle.js'),
  join(elementDist, 'payin-checkout.bundle.js.map'),
  join(elementDist, 'payin-checkout.iife.js'),
  join(elementDist, 'sri.json'),
  join(elementDist, 'locales', 'de.json'),
  join(elementDir, 'custom-elements.json'),
];
const newestInput = () => {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const dir of [coreDir, elementDir]) {
    visit(join(dir, 'src'));
    for (const file of ['package.json', 'rollup.config.mjs', 'tsconfig.json']) visit(join(dir, file));
  }
  visit(join(elementDir, 'custom-elements-manifest.config.mjs'));
  visit(join(root, 'pnpm-lock.yaml'));
  return newest;
};
const stale = outputs.some((file) => !existsSync(file)) || Math.min(...outputs.map((file) => statSync(file).mtimeMs)) < newestInput();
if (stale) {
  console.log('dist/ is missing or older than the sources: pnpm -r run build\n');
  const { status } = spawnSync('pnpm', ['-r', 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
  console.log('');
}

// ---------------------------------------------------------------------------------------------
// 2. Measure.

const floor = floorEntry([coreDir, elementDir]);
const coreFloor = floorEntry([coreDir]);
const floors = { element: await measureFloor(floor), core: await measureFloor(coreFloor) };
const bundledCode = readFileSync(join(elementDist, 'payin-checkout.bundle.js'), 'utf8');
const rows = [
  {
    label: 'core: ESM entry with xstate, ky, zod/mini bundled',
    size: measure(await bundle(join(coreDir, 'src', 'index.ts'), config.selfContainedPlugins({ templates: false }))),
    budget: budgets.coreBundled,
    floor: floors.core,
  },
  {
    label: 'core: own code only (dependencies external)',
    size: measure(await bundle(join(coreDir, 'src', 'index.ts'), [config.typescript(), config.minify()], { external: config.external })),
  },
  {
    label: 'element: ESM entry (lit, xstate, core external)',
    size: measure(
      await bundle(join(elementDir, 'src', 'payin-checkout.ts'), [config.minifyTemplates(), config.typescript(), config.minify()], {
        external: config.external,
      }),
    ),
  },
  {
    label: 'element: self-contained dist/payin-checkout.bundle.js',
    size: measure(bundledCode),
    budget: budgets.selfContained,
    floor: floors.element,
  },
  {
    label: 'element: self-contained dist/payin-checkout.iife.js',
    size: measure(readFileSync(join(elementDist, 'payin-checkout.iife.js'))),
    budget: budgets.selfContained,
    floor: floors.element,
  },
  {
    label: 'dependency floor of the element: lit + xstate + ky + zod/mini alone',
    size: floors.element,
  },
  {
    label: 'dependency floor of core: xstate + ky + zod/mini alone',
    size: floors.core,
  },
  // Fetched only by a page in that language, beside the element file.
  ...readdirSync(join(elementDist, 'locales'))
    .sort()
    .map((name) => ({ label: `catalog loaded on demand: dist/locales/${name}`, size: measure(readFileSync(join(elementDist, 'locales', name))) })),
];

// ---------------------------------------------------------------------------------------------
// 3. Report.

const kib = (bytes) => (bytes / KiB).toFixed(1);
const pad = (text, width, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width));
const labelWidth = Math.max(...rows.map((row) => row.label.length));
const over = [];
console.log('Sizes in KiB (1024 bytes): rollup + terser (packages/element/rollup.config.mjs), gzip -9, brotli quality 11\n');
console.log(`${pad('file', labelWidth)}  ${pad('min', 7, true)}  ${pad('gzip', 6, true)}  ${pad('brotli', 6, true)}  budget`);
console.log(`${'-'.repeat(labelWidth)}  ${'-'.repeat(7)}  ${'-'.repeat(6)}  ${'-'.repeat(6)}  ${'-'.repeat(36)}`);
for (const { label, size, budget, floor: rowFloor } of rows) {
  const verdicts = [];
  for (const [kind, limit] of Object.entries(budget ?? {})) {
    const ok = size[kind] <= limit * KiB;
    verdicts.push(`${kind} ≤ ${limit.toFixed(1)} ${ok ? 'ok' : `OVER by ${kib(size[kind] - limit * KiB)}`}`);
    if (!ok) over.push(`${label}: ${kib(size[kind])} KiB ${kind} > ${limit.toFixed(1)} KiB`);
  }
  if (rowFloor) verdicts.push(`floor ${kib(rowFloor.gzip)} / ${kib(rowFloor.brotli)}`);
  const verdict = verdicts.join(', ');
  console.log(
    `${pad(label, labelWidth)}  ${pad(kib(size.min), 7, true)}  ${pad(kib(size.gzip), 6, true)}  ${pad(kib(size.brotli), 6, true)}  ${verdict}`,
  );
}
const [coreBundled, , , selfContained, , floorRow, coreFloorRow] = rows;
console.log(
  `\nBudgets: core ≤ ${budgets.coreBundled.gzip} KiB gzip for ${coreBundled.label.replace('core: ', 'core\'s ')} (what a` +
    ` headless page pays); self-contained element ≤ ${budgets.selfContained.gzip} KiB gzip and ≤ ${budgets.selfContained.brotli} KiB brotli` +
    ' for each of the two dist files (what a script-tag page pays).',
);
console.log(
  `Dependency floor: ${kib(floorRow.size.gzip)} KiB gzip, ${kib(floorRow.size.brotli)} KiB brotli;` +
    ` the element's budget leaves ${kib(budgets.selfContained.gzip * KiB - floorRow.size.gzip)} KiB gzip for the project's own code,` +
    ` core's ${kib(budgets.coreBundled.gzip * KiB - coreFloorRow.size.gzip)} over its own floor of ${kib(coreFloorRow.size.gzip)}.`,
);
console.log(
  `Self-contained element minus the floor: ${kib(selfContained.size.gzip - floorRow.size.gzip)} KiB gzip` +
    ` (the project's own code, plus what of the dependencies the floor's entry does not reach).`,
);
const unminifiedTemplates = measure(
  await bundle(join(elementDir, 'src', 'payin-checkout.ts'), config.selfContainedPlugins({ templates: false })),
);
console.log(
  `Minifying the element's Lit html/css templates saves ${kib(unminifiedTemplates.min - selfContained.size.min)} KiB minified,` +
    ` ${kib(unminifiedTemplates.gzip - selfContained.size.gzip)} KiB gzip, ${kib(unminifiedTemplates.brotli - selfContained.size.brotli)} KiB brotli` +
    ' on the self-contained file.',
);
console.log(`Floor entry imports: ${[...floor.used].map(([specifier, names]) => `${specifier} (${names.size})`).join(', ')}.`);

// What the self-contained file is made of: each byte of the minified file is attributed, through
// its source map, to the original module it came from. A module's gzip cost is what the file's
// gzip size loses without that module's bytes (compression makes sizes not add up exactly).
function decodeMappings(mappings) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = alphabet.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      segments.push({ column, source: values.length > 1 ? source : -1 });
    }
    lines.push(segments);
  }
  return lines;
}

const map = JSON.parse(readFileSync(join(elementDist, 'payin-checkout.bundle.js.map'), 'utf8'));
const sourceName = (source) => {
  const path = join(elementDist, map.sourceRoot ?? '', source);
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) return path.slice(inModules + '/node_modules/'.length);
  const fromRoot = relative(root, path);
  const match = /^packages\/([^/]+)\/(.*)$/.exec(fromRoot);
  return match ? `@payin-checkout/${match[1]}/${match[2]}` : fromRoot;
};
const packageOf = (name) => {
  const parts = name.split('/');
  return name.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
};
const codeLines = bundledCode.split('\n');
const spans = new Map(); // module name → list of [line, start, end]
// Text the map has no segment for (the rest of a template literal that spans lines, such as the
// element's stylesheet, or a comment) belongs to the segment before it.
let previous = '(no source)';
const attribute = (name, line, start, end) => {
  if (start >= end) return;
  if (!spans.has(name)) spans.set(name, []);
  spans.get(name).push([line, start, end]);
};
decodeMappings(map.mappings).forEach((segments, lineIndex) => {
  const line = codeLines[lineIndex] ?? '';
  attribute(previous, lineIndex, 0, segments[0]?.column ?? line.length);
  segments.forEach((segment, i) => {
    const name = segment.source >= 0 ? sourceName(map.sources[segment.source]) : '(no source)';
    attribute(name, lineIndex, segment.column, segments[i + 1]?.column ?? line.length);
    previous = name;
  });
});
for (let lineIndex = map.mappings.split(';').length; lineIndex < codeLines.length; lineIndex++) {
  attribute(previous, lineIndex, 0, codeLines[lineIndex].length);
}
const totalBytes = Buffer.byteLength(bundledCode);
const totalGzip = gzip(Buffer.from(bundledCode));
/** Bytes of the file that belong to `names`, and the file's gzip size without them. */
function cost(names) {
  const drop = codeLines.map(() => []);
  let bytes = 0;
  for (const name of names) {
    for (const [line, start, end] of spans.get(name) ?? []) {
      drop[line].push([start, end]);
      bytes += Buffer.byteLength(codeLines[line].slice(start, end));
    }
  }
  const kept = codeLines
    .map((line, index) => {
      if (!drop[index].length) return line;
      const ranges = drop[index].sort((a, b) => a[0] - b[0]);
      let out = '';
      let at = 0;
      for (const [start, end] of ranges) {
        out += line.slice(at, start);
        at = Math.max(at, end);
      }
      return out + line.slice(at);
    })
    .join('\n');
  return { bytes, gzip: totalGzip - gzip(Buffer.from(kept)) };
}
const mappedNames = [...spans.keys()];
const byPackage = new Map();
for (const name of mappedNames) {
  const pkg = name.startsWith('(') ? name : packageOf(name);
  if (!byPackage.has(pkg)) byPackage.set(pkg, []);
  byPackage.get(pkg).push(name);
}
const share = (bytes) => `${((bytes / totalBytes) * 100).toFixed(1)} %`;
const table = (title, entries, limit) => {
  const measured = entries.map(([name, names]) => ({ name, ...cost(names) })).sort((a, b) => b.bytes - a.bytes);
  const width = Math.max(...measured.slice(0, limit).map((entry) => entry.name.length), title.length);
  console.log(`\n${pad(title, width)}  ${pad('min', 6, true)}  ${pad('share', 7, true)}  ${pad('gzip cost', 9, true)}`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(6)}  ${'-'.repeat(7)}  ${'-'.repeat(9)}`);
  for (const entry of measured.slice(0, limit)) {
    console.log(`${pad(entry.name, width)}  ${pad(kib(entry.bytes), 6, true)}  ${pad(share(entry.bytes), 7, true)}  ${pad(kib(entry.gzip), 9, true)}`);
  }
  if (measured.length > limit) {
    const rest = measured.slice(limit).reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(`${pad(`… ${measured.length - limit} more`, width)}  ${pad(kib(rest), 6, true)}  ${pad(share(rest), 7, true)}`);
  }
};
console.log(
  `\nWhat dist/payin-checkout.bundle.js is made of (${kib(totalBytes)} KiB minified, ${kib(totalGzip)} KiB gzip; ` +
    'min = minified KiB from the source map, gzip cost = what the gzip size drops without it):',
);
table('by package', [...byPackage], 20);
table('top modules', mappedNames.map((name) => [name, [name]]), 20);

if (over.length) {
  console.log(`\nOver budget:\n${over.map((line) => `  ${line}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery budget holds.');
}
