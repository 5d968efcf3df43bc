/**
 * packages/core/README.md documents the view model a headless renderer reads: its tables list
 * exactly the keys of `PayinView` and of its intents (`PayinIntents`), and it names every key of
 * the shapes inside (fields and their attributes, cards, figures, receipt, `can`). Read from the
 * TypeScript declarations, so a key added or renamed in src/machine without the README fails here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const coreDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(coreDir, 'README.md'), 'utf8');
const start = readme.indexOf('## The view model');
const end = readme.indexOf('\n## ', start + 3);
const section = start < 0 ? '' : readme.slice(start, end < 0 ? undefined : end);

const machineDir = join(coreDir, 'src', 'machine');
const sources = ['payin.view.ts', 'payin.fields.ts', 'payin.intents.ts'].map((file) =>
  ts.createSourceFile(join(machineDir, file), readFileSync(join(machineDir, file), 'utf8'), ts.ScriptTarget.Latest, true),
);

const interfaceNamed = (name: string): ts.InterfaceDeclaration => {
  const found = sources
    .flatMap((source) => source.statements)
    .find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === name);
  if (!found) throw new Error(`no interface ${name} in ${machineDir}`);
  return found;
};
const nameOf = (member: ts.TypeElement): string | undefined =>
  member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
const keysOf = (members: ts.NodeArray<ts.TypeElement>): string[] => members.flatMap((member) => nameOf(member) ?? []);
const memberType = (owner: ts.InterfaceDeclaration, key: string): ts.TypeNode => {
  const member = owner.members.find((node): node is ts.PropertySignature => ts.isPropertySignature(node) && nameOf(node) === key);
  if (!member?.type) throw new Error(`no typed member ${key}`);
  return member.type;
};
/** Keys of the object literal types in a type (through intersections). */
const literalKeys = (type: ts.TypeNode): string[] => {
  if (ts.isTypeLiteralNode(type)) return keysOf(type.members);
  if (ts.isIntersectionTypeNode(type)) return type.types.flatMap(literalKeys);
  return [];
};

const view = interfaceNamed('PayinView');
/** First column of the table rows after a heading line: `| \`key\` | …`, up to the next blank line after the table. */
const tableAfter = (marker: string): string[] => {
  const at = section.indexOf(marker);
  const table = at < 0 ? '' : (/\n\|[^]*?\n(?!\|)/.exec(section.slice(at))?.[0] ?? '');
  return [...table.matchAll(/^\| `([A-Za-z]+)` \|/gm)].flatMap((match) => match[1] ?? []);
};
const tableKeys = tableAfter('returns a `PayinView`');
const intentKeys = tableAfter('### Intents');

describe("core README's view model", () => {
  it('has the section', () => {
    expect(section.length).toBeGreaterThan(500);
  });

  it('lists exactly the keys of PayinView, once each', () => {
    expect(tableKeys.toSorted()).toEqual(keysOf(view.members).toSorted());
  });

  it('lists exactly the intents, once each', () => {
    expect(intentKeys.toSorted()).toEqual(keysOf(interfaceNamed('PayinIntents').members).toSorted());
  });

  it.each([
    ['FieldView', ['FieldViewParts', 'TextFieldView', 'SecretFieldView'].flatMap((name) => keysOf(interfaceNamed(name).members))],
    ['FieldProps', keysOf(interfaceNamed('FieldProps').members)],
    ['CardView', keysOf(interfaceNamed('CardView').members)],
    ['FiguresView', keysOf(interfaceNamed('FiguresView').members)],
    ['ReceiptView', keysOf(interfaceNamed('ReceiptView').members)],
    ['PayinView.offer', literalKeys(memberType(view, 'offer'))],
    ['PayinView.error', literalKeys(memberType(view, 'error'))],
    ['FailureView', keysOf(interfaceNamed('FailureView').members)],
    ['SummaryView', keysOf(interfaceNamed('SummaryView').members)],
    ['PayinView.can', literalKeys(memberType(view, 'can'))],
  ])('names every key of %s', (_name, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(section, key).toContain(`\`${key}\``);
  });
});
