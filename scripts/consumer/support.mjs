// Helpers of the consumer test (scripts/consumer/run.mjs): bounded child processes, reading npm
// tarballs, a static file server on the loopback interface, and file freshness.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Runs a command without a shell, its output captured. It is killed (with every process it
 * started: it leads its own process group) once `timeoutMs` has passed. With `stdoutFile`, its
 * standard output goes to that file and is read from there once it ends (for commands that exit
 * before a pipe is drained).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number, env?: NodeJS.ProcessEnv, stdoutFile?: string }} options
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
export function runCommand(command, args, { cwd, timeoutMs, env = process.env, stdoutFile }) {
  return new Promise((resolve) => {
    const outFd = stdoutFile === undefined ? undefined : openSync(stdoutFile, 'w');
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', outFd ?? 'pipe', 'pipe'] });
    if (outFd !== undefined) closeSync(outFd);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}\n`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stdoutFile !== undefined) stdout = readFileSync(stdoutFile, 'utf8');
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Ends the process group that `pid` leads (a command started by runCommand), if it still runs. */
function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Runs a command like runCommand and throws, with the end of its output, unless it exits with 0.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, timeoutMs: number, env?: NodeJS.ProcessEnv }} options
 */
export async function mustRun(command, args, options) {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const why = result.timedOut ? `timed out after ${options.timeoutMs / 1000} s` : `exit ${String(result.code)}`;
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}): ${why}\n${tail(`${result.stdout}\n${result.stderr}`)}`);
  }
  return result;
}

/** The last `lines` non-empty lines of a text, indented. */
export function tail(text, lines = 30) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * The regular files of a gzipped tar archive (an npm package tarball), by path inside it
 * (`package/package.json`). Reads ustar names with their prefix, pax `path` records and GNU long names.
 * @param {string} file
 * @returns {Map<string, Buffer>}
 */
export function readTarball(file) {
  const data = gunzipSync(readFileSync(file));
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  const text = (start, length) => data.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
  let offset = 0;
  /** @type {string | undefined} */
  let longName;
  while (offset + 512 <= data.length) {
    if (data.subarray(offset, offset + 512).every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(data[offset + 156] ?? 0);
    const prefix = text(offset + 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100));
    const body = data.subarray(offset + 512, offset + 512 + size);
    longName = undefined;
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      longName = path?.[1];
    } else if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
    } else if (type === '0' || type === '\0') {
      files.set(name, Buffer.from(body));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves the files under `root` (GET and HEAD only) on 127.0.0.1, on a free port.
 * @param {string} root
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root) {
  const base = normalize(root + sep);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    const ok = (request.method === 'GET' || request.method === 'HEAD') && file.startsWith(base) && existsSync(file) && statSync(file).isFile();
    if (!ok) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const body = readFileSync(file);
    response.writeHead(200, {
      'content-type': contentTypes[/** @type {keyof typeof contentTypes} */ (extname(file))] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The latest modification time of a file, or of any file under a directory (0 when absent). */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** Whether any of `outputs` is missing or older than the newest of `inputs`. */
export function stale(outputs, inputs) {
  const oldestOutput = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  return oldestOutput < Math.max(...inputs.map(newest));
}

/** Waits `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The checks of a test script: each prints one line and counts once; a check whose prerequisites
 * failed, or that would start after `remaining()` ran out, is not run (and counts as skipped).
 * `checks` is the list to report; `check(key, name, run, { needs, counted })` runs one (answering
 * what `run` answered, or undefined when it failed or did not run); `setup(key, name, run)` runs a
 * step the checks rely on (build, servers, browser), counted only when it fails.
 * @param {() => number} remaining milliseconds left of the script's time budget
 */
export function checkRunner(remaining) {
  /** @type {{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number, detail?: string }[]} */
  const checks = [];
  /** @type {Map<string, boolean>} */
  const outcomes = new Map();

  /**
   * @template T
   * @param {string} key
   * @param {string} name
   * @param {() => Promise<T> | T} run
   * @param {{ needs?: string[], counted?: boolean }} [options]
   * @returns {Promise<T | undefined>}
   */
  async function check(key, name, run, { needs = [], counted = true } = {}) {
    const missing = needs.filter((need) => outcomes.get(need) !== true);
    if (missing.length > 0 || remaining() <= 0) {
      outcomes.set(key, false);
      const why = missing.length > 0 ? `needs ${missing.join(', ')}` : 'out of time';
      if (counted) checks.push({ name, status: 'skipped', seconds: 0, detail: why });
      console.log(`  -  ${name}: not run (${why})`);
      return undefined;
    }
    const began = Date.now();
    const seconds = () => Math.round((Date.now() - began) / 100) / 10;
    try {
      const value = await run();
      outcomes.set(key, true);
      if (counted) checks.push({ name, status: 'passed', seconds: seconds() });
      console.log(`  ✓  ${name} (${seconds()} s)`);
      return value;
    } catch (error) {
      outcomes.set(key, false);
      const detail = error instanceof Error ? error.message : String(error);
      // A setup step that fails counts as a failed check; one that works is not counted.
      checks.push({ name, status: 'failed', seconds: seconds(), detail });
      console.log(`  ✗  ${name} (${seconds()} s)\n${detail.replace(/^/gm, '       ')}`);
      return undefined;
    }
  }

  /**
   * @template T
   * @param {string} key
   * @param {string} name
   * @param {() => Promise<T> | T} run
   * @param {{ needs?: string[] }} [options]
   */
  const setup = (key, name, run, options = {}) => check(key, name, run, { ...options, counted: false });

  /**
   * Writes the counts and the checks to `resultsFile`, prints the closing line and answers the
   * exit code: 0 only when every check ran and passed.
   * @param {string} label
   * @param {string} resultsFile
   * @param {number} startedAt
   */
  function report(label, resultsFile, startedAt) {
    const counts = {
      passed: checks.filter((entry) => entry.status === 'passed').length,
      failed: checks.filter((entry) => entry.status === 'failed').length,
      skipped: checks.filter((entry) => entry.status === 'skipped').length,
    };
    const seconds = Math.round((Date.now() - startedAt) / 100) / 10;
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify({ ...counts, seconds, checks }, null, 2)}\n`);
    console.log(`\n${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} not run, in ${seconds} s`);
    return counts.failed + counts.skipped === 0 && counts.passed > 0 ? 0 : 1;
  }
  return { checks, check, setup, report };
}
