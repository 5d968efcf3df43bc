/**
 * The README's tables of the element's attributes, events, CSS parts and custom properties agree
 * with the custom elements manifest generated from the element's JSDoc.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const elementDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(elementDir, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## The `<payin-checkout>` element'), readme.indexOf('\n## ', readme.indexOf('## The `<payin-checkout>` element') + 3));

interface Named {
  name: string;
}
interface ElementDeclaration {
  tagName?: string;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

let element: ElementDeclaration;

beforeAll(() => {
  // The same step as the build's: writes packages/element/custom-elements.json from the sources.
  const run = spawnSync('pnpm', ['run', 'analyze'], { cwd: elementDir, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`cem analyze failed: ${run.stderr || run.stdout}`);
  const manifest = JSON.parse(readFileSync(join(elementDir, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: ElementDeclaration[] }[] };
  const found = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'payin-checkout');
  if (!found) throw new Error('no <payin-checkout> in the manifest');
  element = found;
}, 60_000);

const names = (list: Named[] | undefined) => (list ?? []).map((item) => item.name).sort();
/** Backticked names in the README section that look like `pattern`. */
const mentioned = (pattern: RegExp) => [...new Set([...section.matchAll(pattern)].map((match) => match[1] as string))].sort();

describe('README and the custom elements manifest', () => {
  it('finds the README section', () => {
    expect(section.length).toBeGreaterThan(500);
  });

  it('documents every attribute', () => {
    expect(names(element.attributes).length).toBeGreaterThan(5);
    for (const attribute of names(element.attributes)) expect(section, attribute).toContain(`\`${attribute}\``);
  });

  it('lists exactly the events', () => {
    expect(mentioned(/`(payin-[a-z-]+)`/g)).toEqual(names(element.events));
  });

  it('lists exactly the custom properties', () => {
    expect(mentioned(/`(--payin-[a-z-]+)`/g)).toEqual(names(element.cssProperties));
  });

  it('lists exactly the CSS parts', () => {
    const partsLine = section.slice(section.indexOf('parts `'), section.indexOf('. Styles live'));
    const documented = [...partsLine.matchAll(/`([a-z-]+)`/g)].map((match) => match[1] as string).sort();
    expect(documented).toEqual(names(element.cssParts));
  });
});
