// Dry run of the release (`npm run version-packages`, then `npm run release`), offline and without
// touching the working tree:
// 1. `changeset status` in the workspace: the changesets read, and the release they plan;
// 2. `changeset version` in a temporary copy of the workspace's manifests and changesets;
// 3. checks of the result: each planned package has its new version and a changelog entry, the
//    changesets are used up, private packages keep their version, and no publishable package.json
//    names a `workspace:` range or a range of a workspace package that its new version misses.
// Publishing itself (and the registry) is left out: the consumer test packs and installs the
// packages. Exits non-zero on any problem; prints what `changeset version` would release.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const changesetBin = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
const scratch = mkdtempSync(join(tmpdir(), 'payin-release-dry-run-'));
const problems = [];

const changeset = (args, cwd) => {
  const run = spawnSync(process.execPath, [changesetBin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) {
    throw new Error(`changeset ${args.join(' ')} failed (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
  }
  return run;
};
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const packageDirs = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
  .map((entry) => join('packages', entry.name));

/** Whether `version` satisfies `range`: an exact version, or a caret range (`^0.2.0`, `^1.4.0`). */
const satisfies = (version, range) => {
  const parse = (text) => text.split('.').map(Number);
  if (!range.startsWith('^')) return version === range;
  const [major, minor, patch] = parse(version);
  const [rMajor, rMinor, rPatch] = parse(range.slice(1));
  if (major !== rMajor) return false;
  if (rMajor === 0 && minor !== rMinor) return false;
  return minor > rMinor || (minor === rMinor && patch >= rPatch);
};

try {
  // 1. The plan, from the workspace (read-only; the JSON goes to the scratch folder). A checkout
  // without the base branch (a detached CI checkout) compares with HEAD instead.
  const baseBranch = readJson(join(root, '.changeset', 'config.json')).baseBranch ?? 'main';
  const hasBase = spawnSync('git', ['rev-parse', '--verify', '--quiet', baseBranch], { cwd: root }).status === 0;
  changeset(['status', '--output', join(scratch, 'status.json'), ...(hasBase ? [] : ['--since', 'HEAD'])], root);
  const plan = readJson(join(scratch, 'status.json'));
  const releases = plan.releases.filter((release) => release.type !== 'none');

  // 2. The manifests and changesets in a scratch copy; node_modules linked for the changelog module.
  const copy = join(scratch, 'workspace');
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset', ...packageDirs.flatMap((dir) => [join(dir, 'package.json'), join(dir, 'CHANGELOG.md')])]) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(copy, file), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const before = Object.fromEntries(packageDirs.map((dir) => [dir, readJson(join(copy, dir, 'package.json'))]));
  changeset(['version'], copy);

  // 3. The result.
  const after = Object.fromEntries(packageDirs.map((dir) => [dir, readJson(join(copy, dir, 'package.json'))]));
  const versions = Object.fromEntries(Object.values(after).map((manifest) => [manifest.name, manifest.version]));
  const leftover = readdirSync(join(copy, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md');
  if (leftover.length) problems.push(`changesets left after versioning: ${leftover.join(', ')}`);
  for (const release of releases) {
    const dir = packageDirs.find((candidate) => after[candidate].name === release.name);
    if (versions[release.name] !== release.newVersion) problems.push(`${release.name}: version ${versions[release.name]}, planned ${release.newVersion}`);
    const changelog = dir && existsSync(join(copy, dir, 'CHANGELOG.md')) ? readFileSync(join(copy, dir, 'CHANGELOG.md'), 'utf8') : '';
    if (!changelog.includes(`## ${release.newVersion}`)) problems.push(`${release.name}: no "## ${release.newVersion}" in its CHANGELOG.md`);
  }
  for (const dir of packageDirs) {
    const manifest = after[dir];
    if (manifest.private && manifest.version !== before[dir].version) problems.push(`${manifest.name} is private but was versioned`);
    if (!manifest.private && manifest.publishConfig?.access !== 'public') problems.push(`${manifest.name}: publishConfig.access is not "public"`);
    for (const field of dependencyFields) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        // Private packages may name workspace packages with `workspace:`; published ones may not.
        if (range.startsWith('workspace:')) {
          if (!manifest.private) problems.push(`${manifest.name}: ${field}.${name} is "${range}"`);
        } else if (versions[name] && !satisfies(versions[name], range)) {
          // pnpm links a workspace package only when its version is in the range.
          problems.push(`${manifest.name}: ${field}.${name} "${range}" misses the workspace's ${versions[name]}`);
        }
      }
    }
  }

  if (releases.length === 0) console.log('release dry run: no changesets, nothing to release');
  for (const release of releases) console.log(`release dry run: ${release.name} ${release.oldVersion} → ${release.newVersion} (${release.type})`);
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

for (const problem of problems) console.error(`release dry run: ${problem}`);
process.exit(problems.length ? 1 : 0);
