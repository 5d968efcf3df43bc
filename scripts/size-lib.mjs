// What the size report (scripts/size.mjs) and the benchmarks (scripts/bench/) measure with: the
// element package's rollup plugin sets and terser settings, in-memory bundling, gzip -9 and
// brotli 11 sizes, and the dependency floor (what the sources import from their dependencies).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import ts from 'typescript';

export const root = new URL('..', import.meta.url).pathname;
export const coreDir = join(root, 'packages', 'core');
export const elementDir = join(root, 'packages', 'element');
export const elementDist = join(elementDir, 'dist');

// rollup and the plugin sets come from the element package, which owns the browser builds.
export const requireFromElement = createRequire(join(elementDir, 'package.json'));
export const { rollup } = requireFromElement('rollup');
export const config = await import(pathToFileURL(join(elementDir, 'rollup.config.mjs')).href);

/** Bundles `input` in memory into one minified ESM file and answers its code. */
export async function bundle(input, plugins, { external, inlineDynamicImports = false } = {}) {
  const build = await rollup({ input, plugins, onwarn: config.onwarn, ...(external ? { external } : {}) });
  try {
    const { output } = await build.generate({ format: 'es', inlineDynamicImports });
    if (output.length !== 1) throw new Error(`${input}: expected one chunk, got ${output.map((chunk) => chunk.fileName).join(', ')}`);
    return output[0].code;
  } finally {
    await build.close();
  }
}

/**
 * The dependency floor: an entry that imports from lit, xstate, ky and zod/mini exactly what
 * the sources of core and element import (value imports only; for a namespace import such as
 * `import * as z from 'zod/mini'`, the members the code reads), and keeps all of it alive.
 */
export function floorEntry(packageDirs) {
  const used = new Map(); // module specifier → Set of imported names ('default', '*' for a bare import)
  const add = (specifier, name) => {
    if (!used.has(specifier)) used.set(specifier, new Set());
    if (name) used.get(specifier).add(name);
  };
  const files = [];
  const collect = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) collect(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const dir of packageDirs) collect(join(dir, 'src'));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const namespaces = new Map(); // local name → specifier
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const specifier = statement.moduleSpecifier.text;
      if (specifier.startsWith('.') || specifier.startsWith('@payin-checkout/')) continue;
      const clause = statement.importClause;
      if (!clause) {
        add(specifier, '*');
        continue;
      }
      if (clause.isTypeOnly) continue;
      if (clause.name) add(specifier, 'default');
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, specifier);
      else if (bindings) {
        for (const element of bindings.elements) {
          if (!element.isTypeOnly) add(specifier, (element.propertyName ?? element.name).text);
        }
      }
    }
    // `z.object(…)` in code is a property access; `z.output<…>` in a type is a qualified name.
    const visit = (node) => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text)) {
        add(namespaces.get(node.expression.text), `.${node.name.text}`);
      }
      ts.forEachChild(node, visit);
    };
    if (namespaces.size) visit(source);
  }
  const lines = [];
  const keep = [];
  let index = 0;
  for (const [specifier, names] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const named = [...names].filter((name) => !name.startsWith('.') && name !== '*' && name !== 'default').sort();
    const members = [...names].filter((name) => name.startsWith('.')).sort();
    const quoted = JSON.stringify(specifier);
    if (names.has('*') && names.size === 1) lines.push(`import ${quoted};`);
    if (names.has('default')) {
      lines.push(`import d${index} from ${quoted};`);
      keep.push(`d${index}`);
    }
    if (named.length) {
      lines.push(`import { ${named.map((name, i) => `${name} as n${index}_${i}`).join(', ')} } from ${quoted};`);
      keep.push(...named.map((_, i) => `n${index}_${i}`));
    }
    if (members.length) {
      lines.push(`import * as ns${index} from ${quoted};`);
      keep.push(...members.map((member) => `ns${index}${member}`));
    }
    index += 1;
  }
  lines.push(`export default [${keep.join(', ')}];`);
  return { code: `${lines.join('\n')}\n`, used };
}

/** A plugin that serves one module from memory under a path of the element package. */
export const virtualModule = (id, code) => ({
  name: 'virtual-entry',
  resolveId: (source) => (source === id ? id : null),
  load: (loaded) => (loaded === id ? code : null),
});

export const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
export const brotli = (buffer) =>
  brotliCompressSync(buffer, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length,
    },
  }).length;
export const measure = (code) => {
  const buffer = Buffer.from(code);
  return { min: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer) };
};

export const floorId = join(elementDir, '__dependency-floor__.js');
/** The floor entry bundled and measured: everything the project imports from its dependencies. */
export const measureFloor = async (entry) =>
  measure(
    await bundle(floorId, [
      virtualModule(floorId, entry.code),
      ...config.selfContainedPlugins({ templates: false }).map((plugin) =>
        // ky and zod are core's dependencies: let the floor entry (in element/) find them too.
        plugin.name === 'node-resolve' ? requireFromElement('@rollup/plugin-node-resolve').nodeResolve({ browser: true, modulePaths: [join(coreDir, 'node_modules')] }) : plugin,
      ),
    ]),
  );
