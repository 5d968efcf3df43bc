/** `npm run sandbox`: the profile chosen by `--profile` or SANDBOX_PROFILE, over real HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMON_MESSAGE } from '../src/errors.js';
import { call, newToken } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];

interface Started {
  url: string;
  banner: string;
}

/** Runs the CLI as the package's `start` does, on a free port; answers its URL once it listens. */
function startCli(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--conditions=@payin-checkout/source', '--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, PORT: '0', SANDBOX_PROFILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url && out.includes('Press Ctrl+C')) resolve({ url, banner: out });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${String(code)}): ${err}`)));
  });
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

const kycRefusal = (url: string) => call(url, 'GET', '/v3/payin/data', { token: newToken('none') });

describe('npm run sandbox', () => {
  it('answers with the sandbox\'s own codes by default', async () => {
    const { url, banner } = await startCli([]);
    expect(banner).toContain('Profile: default');
    expect((await kycRefusal(url)).status).toBe(403);
  });

  it.each([
    ['--profile documented', ['--profile', 'documented'], {}],
    ['--profile=documented', ['--profile=documented'], {}],
    ['SANDBOX_PROFILE=documented', [], { SANDBOX_PROFILE: 'documented' }],
  ])('answers only what Vault documents with %s', async (_name, args, env) => {
    const { url, banner } = await startCli(args, env);
    expect(banner).toContain('Profile: documented');
    const refused = await kycRefusal(url);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: 'COMMON', errorId: 0, message: COMMON_MESSAGE, systemId: 'core' });
  });

  it('refuses a profile it does not have', async () => {
    await expect(startCli(['--profile', 'strict'])).rejects.toThrow(/profile must be default or documented, not "strict"/);
  });
});
