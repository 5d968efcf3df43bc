// custom-elements.json from the JSDoc of <payin-checkout> (`pnpm run analyze`, part of `build`):
// tag, attributes, properties, events, CSS parts and CSS custom properties; the JSDoc header of
// src/payin-checkout.component.ts is the element's public contract.
// The plugin below makes the manifest describe the published package:
// - module paths point at dist/ (src/x.ts → dist/x.js: the ESM build keeps one file per module);
// - private members are left out;
// - the `@event` tags get their event class as type (`payin-state-change` → PayinStateChangeEvent),
//   and the nameless entries the analyzer adds for `dispatchEvent(new …)` calls are dropped.
const toDist = (path) => path.replace(/^\/?(?:\.\/)?src\/(.+)\.[jt]s$/, 'dist/$1.js');
const eventClass = (name) =>
  `${name.replace(/(^|-)([a-z])/g, (_, _dash, letter) => letter.toUpperCase())}Event`;

/** @type {import('@custom-elements-manifest/analyzer').Plugin} */
const publishedManifest = {
  name: 'published-manifest',
  packageLinkPhase({ customElementsManifest }) {
    const { modules } = customElementsManifest;
    const rewritePaths = (node) => {
      if (Array.isArray(node)) return node.forEach(rewritePaths);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toDist(value);
        else rewritePaths(value);
      }
    };
    rewritePaths(modules);
    const classes = new Map();
    for (const module of modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.kind === 'class') classes.set(declaration.name, module.path);
      }
    }
    for (const module of modules) {
      for (const declaration of module.declarations ?? []) {
        if (!declaration.customElement) continue;
        declaration.members = declaration.members?.filter((member) => member.privacy !== 'private');
        declaration.events = declaration.events
          ?.filter((event) => event.name)
          .map((event) => {
            const name = eventClass(event.name);
            return classes.has(name) ? { ...event, type: { text: name } } : event;
          });
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publishedManifest],
};
