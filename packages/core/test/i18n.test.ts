import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogLocale, checkCatalog, connectPayin, createTranslator, en, isMessageKey, loadCatalog, shippedLocales } from '../src/index.js';

const localesDir = new URL('../src/i18n/locales/', import.meta.url);
const readCatalog = (language: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`${language}.json`, localesDir), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogs', () => {
  for (const language of shippedLocales.filter((shipped) => shipped !== 'en')) {
    it(`${language}.json has a text for every English key, with the same placeholders, and nothing else`, () => {
      const catalog = readCatalog(language);
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, english] of Object.entries(en)) {
        const text = catalog[key];
        expect(typeof text, key).toBe('string');
        expect(placeholders(text as string), key).toEqual(placeholders(english));
      }
      expect(checkCatalog(catalog)).toEqual(catalog);
    });
  }

  it('maps a language tag to a shipped catalog, English otherwise', () => {
    expect(catalogLocale('de-AT')).toBe('de');
    expect(catalogLocale('ES_mx')).toBe('es');
    expect(catalogLocale('fr')).toBe('en');
    expect(catalogLocale(undefined)).toBe('en');
    expect(catalogLocale('')).toBe('en');
  });

  it('translates with the given texts over English, filling placeholders', () => {
    const t = createTranslator({ 'action.pay': 'Bezahlen' });
    expect(t('action.pay')).toBe('Bezahlen');
    expect(t('action.back')).toBe(en['action.back']);
    expect(t('figure.rateValue', { from: 'EUR', to: 'BTC', rate: '0.5' })).toBe('1 EUR = 0.5 BTC');
    // @ts-expect-error a key the catalog does not have does not compile
    expect(t('no.such.key')).toBe('no.such.key');
    expect(isMessageKey('action.pay')).toBe(true);
    expect(isMessageKey('no.such.key')).toBe(false);
  });

  it('keeps what is usable of a catalog read from JSON and names what is not', () => {
    const checked = checkCatalog({
      'action.pay': 'Bezahlen',
      'action.back': 42,
      'figure.rateValue': '1 {from} = {rate}', // a figure would be lost
      'action.payAmount': '{betrag} bezahlen', // a raw {betrag} would show
      'not.a.key': 'x',
    });
    expect(checked).toEqual({ 'action.pay': 'Bezahlen' });
    expect(() => checkCatalog([])).toThrow('the catalog is not a JSON object');
    expect(() => checkCatalog('Bezahlen')).toThrow('the catalog is not a JSON object');
    expect(() => checkCatalog(null)).toThrow('the catalog is not a JSON object');
    expect(() => checkCatalog({ 'not.a.key': 'x' })).toThrow('no text for any known message key');
  });

  it("gives a headless renderer the catalog's texts through connectPayin's messages", async () => {
    const { createActor } = await import('xstate');
    const { payinMachine, createPayinClient } = await import('../src/index.js');
    const actor = createActor(payinMachine, {
      input: { client: createPayinClient({ baseUrl: 'http://127.0.0.1:9/', token: 't', retryLimit: 0, timeoutMs: 50 }), successUrl: 'http://127.0.0.1:9/shop' },
    });
    const view = connectPayin(actor.getSnapshot(), undefined, { locale: 'de', messages: readCatalog('de') as Record<string, string> });
    expect(view.t('action.pay')).toBe(readCatalog('de')['action.pay']);
    expect(connectPayin(actor.getSnapshot(), undefined, { locale: 'de' }).t('action.pay')).toBe(en['action.pay']);
  });
});

describe('loadCatalog over HTTP', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];
  const de = readFileSync(new URL('de.json', localesDir));

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/good/de.json') response.writeHead(200, { 'content-type': 'application/json' }).end(de);
      else if (request.url === '/html/de.json') response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Not found</p>');
      else if (request.url === '/array/de.json') response.writeHead(200, { 'content-type': 'application/json' }).end('["Bezahlen"]');
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads <language>.json from the folder, for a regional tag too', async () => {
    const catalog = await loadCatalog('de-CH', { baseUrl: `${base}/good` });
    expect(catalog).toEqual(JSON.parse(de.toString('utf8')));
    expect(requests.at(-1)).toBe('/good/de.json');
  });

  it('answers English at once, without a request', async () => {
    const before = requests.length;
    expect(await loadCatalog('en-GB', { baseUrl: `${base}/good/` })).toEqual({});
    expect(await loadCatalog('fr', { baseUrl: `${base}/good/` })).toEqual({});
    expect(requests.length).toBe(before);
  });

  it('fails naming the file and the problem', async () => {
    await expect(loadCatalog('de', { baseUrl: `${base}/missing/` })).rejects.toThrow(`${base}/missing/de.json answered 404`);
    await expect(loadCatalog('de', { baseUrl: `${base}/html/` })).rejects.toThrow(`${base}/html/de.json is not JSON`);
    await expect(loadCatalog('de', { baseUrl: `${base}/array/` })).rejects.toThrow(`${base}/array/de.json: the catalog is not a JSON object`);
    await expect(loadCatalog('de', { baseUrl: 'http://127.0.0.1:9/' })).rejects.toThrow('http://127.0.0.1:9/de.json could not be fetched');
  });

  it('passes the integrity the file must match', async () => {
    const good = `sha384-${createHash('sha384').update(de).digest('base64')}`;
    expect(await loadCatalog('de', { baseUrl: `${base}/good/`, integrity: good })).toHaveProperty('action.pay');
    const wrong = `sha384-${createHash('sha384').update('something else').digest('base64')}`;
    await expect(loadCatalog('de', { baseUrl: `${base}/good/`, integrity: wrong })).rejects.toThrow('could not be fetched');
  });
});
