// The pages of the browser benchmarks and the loopback server that serves them: the checkout
// loaded by one script tag, and a minimal Lit element with one input loaded the same way. Both
// bundles are served brotli-compressed from memory; every other path (the sandbox's API, the
// catalogs) is forwarded to the demo server.
import { createServer, request as forward } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { bundle, config, elementDir, elementDist, measure, virtualModule } from '../size-lib.mjs';

export const MINIMAL_TAG = 'minimal-input';

const minimalSource = `import { LitElement, css, html } from 'lit';
class MinimalInput extends LitElement {
  static styles = css\`:host { display: block; } input { font: inherit; }\`;
  render() {
    return html\`<label for="amount">Amount</label> <input id="amount" name="amount" inputmode="decimal" />\`;
  }
}
customElements.define('${MINIMAL_TAG}', MinimalInput);
`;

/** The minimal element bundled with the element's own plugin set (lit resolved from its package). */
export async function buildMinimal() {
  const id = join(elementDir, '__bench-minimal__.js');
  const code = await bundle(id, [virtualModule(id, minimalSource), ...config.selfContainedPlugins({ templates: false })]);
  return { code, size: measure(code) };
}

/**
 * Records, from the first line of the page: long tasks, layout shifts, and the moment the first
 * visible, enabled form control appears anywhere in the page (open shadow roots included).
 */
const probe = `window.__bench = { longtasks: [], cls: 0 };
new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longtasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __bench.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
const focusable = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled])';
const find = (root) => {
  for (const el of root.querySelectorAll('*')) {
    if (el.matches(focusable)) { const box = el.getBoundingClientRect(); if (box.width > 0 && box.height > 0) return el; }
    if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
  }
  return null;
};
// The frame's own time (the callback's argument): the search below forces layout and must not count.
const poll = (frame) => { const found = find(document); if (found) { __bench.firstInput = frame; __bench.firstInputName = found.name || found.id; } else requestAnimationFrame(poll); };
requestAnimationFrame(poll);`;

/** A page: the probe, the module between two marks (its evaluation time), the element if mounted. */
function page({ script, element }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>bench</title>
    <script>${probe}</script>
    <script type="module">performance.mark('module-start');</script>
    <script type="module" src="${script}"></script>
    <script type="module">performance.mark('module-end');</script>
  </head>
  <body>
    <main>${element ?? ''}</main>
  </body>
</html>
`;
}

const brotli = (buffer) =>
  brotliCompressSync(buffer, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } });

/** Starts the pages' server on a free loopback port; `demoUrl` answers everything else. */
export async function startPages({ demoUrl, minimalCode }) {
  const scripts = {
    '/payin-checkout.bundle.js': brotli(readFileSync(join(elementDist, 'payin-checkout.bundle.js'))),
    '/minimal.bundle.js': brotli(Buffer.from(minimalCode)),
  };
  const target = new URL(demoUrl);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${req.headers.host}`;
    if (url.pathname === '/bench/checkout.html' || url.pathname === '/bench/minimal.html') {
      const checkout = url.pathname === '/bench/checkout.html';
      const mounted = !url.searchParams.has('bare');
      const token = url.searchParams.get('customer') ?? 'test_kyc1_bench';
      const element = !mounted
        ? ''
        : checkout
          ? `<payin-checkout token="${token}" api-base="${origin}" amount="50" from-currency="EUR" to-currency="BTC"></payin-checkout>`
          : `<${MINIMAL_TAG}></${MINIMAL_TAG}>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page({ script: checkout ? '/payin-checkout.bundle.js' : '/minimal.bundle.js', element }));
      return;
    }
    if (scripts[url.pathname]) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-encoding': 'br', 'cache-control': 'no-store', vary: 'Accept-Encoding' });
      res.end(scripts[url.pathname]);
      return;
    }
    const upstream = forward(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.setTimeout(15_000, () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
