import { describe, expect, it } from 'vitest';
import { checkRedirectUrl, parseHostList } from '../src/index.js';

describe('bank page address check', () => {
  it('allows https anywhere, http only on loopback, and only the listed hosts when there is a list', () => {
    const allowed = (url: string, hosts: string[] = []) => checkRedirectUrl(url, hosts).ok;
    expect(allowed('https://acs.bank.example/3ds?x=1')).toBe(true);
    expect(allowed('http://127.0.0.1:8787/sandbox/bank/abc')).toBe(true);
    expect(allowed('http://localhost/bank')).toBe(true);
    expect(checkRedirectUrl('http://bank.example/3ds', [])).toEqual({ ok: false, reason: 'insecure' });
    expect(checkRedirectUrl('javascript:alert(1)', [])).toEqual({ ok: false, reason: 'insecure' });
    expect(checkRedirectUrl('not a url', [])).toEqual({ ok: false, reason: 'invalid' });
    expect(checkRedirectUrl('https://evil.example/3ds', ['acs.bank.example'])).toEqual({ ok: false, reason: 'host' });
    expect(allowed('https://acs.bank.example/3ds', parseHostList(' ACS.bank.example, other.example '))).toBe(true);
  });
});
