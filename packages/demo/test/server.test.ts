/**
 * The demo server as a CDN sees it: compressed answers negotiated from Accept-Encoding, `Vary`,
 * ETags answered with 304, `no-cache` for pages and files under fixed names, a year and
 * `immutable` for content-addressed files; the strict-CSP page keeps its policy; the sandbox's
 * answers pass untouched, in the profile asked for. Raw HTTP (node:http), so that nothing decodes
 * or adds headers.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoot } from '../src/server/build.js';
import { STRICT_CSP, cacheControlFor, negotiateEncoding, startDemo, type RunningDemo } from '../src/server/server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(`${base}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    call.setTimeout(10_000, () => call.destroy(new Error(`${path}: no answer within 10 s`)));
    call.on('error', reject);
    call.end();
  });
}

const decoded = (answer: Answer): Buffer => {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  return answer.body;
};

const staticFile = (name: string) => readFileSync(join(demoRoot, 'static', name));

describe('demo server: compression and caching', () => {
  let demo: RunningDemo;

  beforeAll(async () => {
    demo = await startDemo({ logger: false });
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('negotiates brotli, then gzip, from Accept-Encoding and its q-values', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(negotiateEncoding(null)).toBe('identity');
  });

  for (const [path, file, type] of [
    ['/demo.js', 'demo.js', 'text/javascript; charset=utf-8'],
    ['/demo.css', 'demo.css', 'text/css; charset=utf-8'],
    ['/', 'index.html', 'text/html; charset=utf-8'],
    ['/favicon.svg', 'favicon.svg', 'image/svg+xml'],
  ] as const) {
    it(`${path}: brotli, gzip or identity as asked, the same bytes once decoded, Vary: Accept-Encoding`, async () => {
      const original = staticFile(file);
      for (const [accept, expected] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['identity', undefined],
      ] as const) {
        const answer = await get(demo.url, path, { 'accept-encoding': accept });
        expect(answer.status).toBe(200);
        expect(answer.headers['content-type']).toBe(type);
        expect(answer.headers['content-encoding']).toBe(expected);
        expect(answer.headers.vary).toMatch(/accept-encoding/i);
        expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
        expect(decoded(answer).equals(original)).toBe(true);
        if (expected) expect(answer.body.length).toBeLessThan(original.length);
      }
      // No Accept-Encoding at all: identity.
      const plain = await get(demo.url, path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
    });
  }

  it('files under fixed names are revalidated on every use: no-cache with an ETag, 304 when unchanged', async () => {
    const first = await get(demo.url, '/demo.js', { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+-br"$/);

    const again = await get(demo.url, '/demo.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers.vary).toMatch(/accept-encoding/i);

    // Each encoding has its own ETag; any of them names the same file.
    const identity = await get(demo.url, '/demo.js');
    expect(identity.headers.etag).not.toBe(etag);
    expect((await get(demo.url, '/demo.js', { 'if-none-match': etag })).status).toBe(304);
    expect((await get(demo.url, '/demo.js', { 'accept-encoding': 'gzip', 'if-none-match': `W/${String(identity.headers.etag)}` })).status).toBe(304);
    // Another file's ETag does not.
    const other = await get(demo.url, '/demo.css', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.body.equals(staticFile('demo.css'))).toBe(true);
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const get200 = await get(demo.url, '/demo.js', { 'accept-encoding': 'gzip' });
    const head = await get(demo.url, '/demo.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-encoding', 'content-length', 'etag', 'cache-control', 'vary']) expect(head.headers[name]).toBe(get200.headers[name]);
  });

  it('content-addressed files are cached for a year, immutable; pages, the bundle and catalogs are not', () => {
    expect(cacheControlFor('/assets/vue-3uS3a8AJ.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/react-assets/strict-mode-DwGzYv_u.js')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/csp.html', '/vue.html', '/payin-checkout.bundle.js', '/payin-checkout.bundle.js.map', '/locales/de.json', '/demo.js', '/demo.css']) {
      expect(cacheControlFor(path), path).toBe('no-cache');
    }
  });

  it('the strict-CSP page keeps its policy, compressed, and on a 304', async () => {
    const page = await get(demo.url, '/csp.html', { 'accept-encoding': 'br, gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(STRICT_CSP);
    expect(page.headers['content-encoding']).toBe('br');
    expect(decoded(page).equals(staticFile('csp.html'))).toBe(true);
    const unchanged = await get(demo.url, '/csp.html', { 'accept-encoding': 'br, gzip', 'if-none-match': String(page.headers.etag) });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers['content-security-policy']).toBe(STRICT_CSP);
  });

  it("the sandbox's answers pass untouched: no compression, no ETag or cache policy of the server's", async () => {
    const token = `test_kyc1_server${Math.random().toString(36).slice(2, 10)}`;
    const data = await get(demo.url, '/v3/payin/data', { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' });
    expect(data.status).toBe(200);
    expect(data.headers['content-encoding']).toBeUndefined();
    expect(data.headers.etag).toBeUndefined();
    expect(data.headers['cache-control']).not.toBe('no-cache');
    expect(JSON.parse(data.body.toString('utf8'))).toBeTypeOf('object');
    const counters = await get(demo.url, '/sandbox/counters', { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' });
    expect(counters.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(counters.body.toString('utf8'))).toMatchObject({ data: 1 });
  });

  it('unknown files are still 404, and other methods 405', async () => {
    expect((await get(demo.url, '/nothing-here.js', { 'accept-encoding': 'br' })).status).toBe(404);
    expect((await get(demo.url, '/demo.js', {}, 'POST')).status).toBe(405);
  });
});

describe("demo server: the sandbox's profile", () => {
  const refusal = async (demo: RunningDemo) => {
    const token = `test_none_server${Math.random().toString(36).slice(2, 10)}`;
    const answer = await get(demo.url, '/v3/payin/data', { authorization: `Bearer ${token}` });
    return { status: answer.status, body: JSON.parse(answer.body.toString('utf8')) as Record<string, unknown> };
  };

  it("answers with the sandbox's own codes by default, and only what Vault documents with profile: 'documented'", async () => {
    const [byDefault, documented] = await Promise.all([startDemo({ logger: false }), startDemo({ logger: false, profile: 'documented' })]);
    try {
      expect(await refusal(byDefault)).toMatchObject({ status: 403, body: { error: 'KYC_LEVEL_REQUIRED' } });
      const refused = await refusal(documented);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body).sort()).toEqual(['error', 'errorId', 'message', 'systemId']);
      expect(refused.body).toMatchObject({ error: 'COMMON', errorId: 0, systemId: 'core' });
    } finally {
      await Promise.all([byDefault.close(), documented.close()]);
    }
  });
});
