/**
 * What a newcomer sees at `npm install`: on a Node older than the one the README asks for, npm stops with the
 * required version (engine-strict), and on the right Node no warning comes from the project's own
 * configuration (.npmrc keys, install scripts left unreviewed, a browser download).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { satisfies, subset } from 'semver';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the files npm reads at install time, without node_modules. */
function installCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'install-test-'));
  made.push(dir);
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) if (existsSync(join(root, file))) copyFileSync(join(root, file), join(dir, file));
  return dir;
}

/** A system Node that package.json does not admit (Debian bookworm's is 20), with its npm, if this machine has one. */
function oldNode(): { node: string; npm: string } | undefined {
  const node = '/usr/bin/node';
  if (!existsSync(node)) return undefined;
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (satisfies(version, pkg.engines.node)) return undefined;
  const npm = ['/usr/lib/node_modules/npm/bin/npm-cli.js', '/usr/share/nodejs/npm/bin/npm-cli.js'].find((p) => existsSync(p));
  return npm ? { node, npm } : undefined;
}

describe('the Node versions package.json admits', () => {
  // The npm scripts run TypeScript directly (`node scripts/build.ts`), which Node does without a flag from
  // 22.18 and 23.6 on (admitted but older, `npm run build` ends in ERR_UNKNOWN_FILE_EXTENSION ".ts"), and the
  // locked tree narrows it further (jsdom, vitest, undici: see the last test).
  it.each(['20.19.0', '22.12.0', '22.17.1', '22.22.1', '23.6.0', '24.10.0', '24.14.0', '25.0.0'])('refuses %s, which cannot run the .ts scripts or install the locked tree', (version) => {
    expect(satisfies(version, pkg.engines.node)).toBe(false);
  });
  it.each(['22.22.2', '24.15.0', '24.21.0', '26.1.0'])('admits %s', (version) => {
    expect(satisfies(version, pkg.engines.node)).toBe(true);
  });
  // With engine-strict, one locked package whose own "engines" refuses an admitted Node stops npm ci there.
  it('admits no Node that a locked dependency refuses', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { optional?: boolean; engines?: { node?: string } | string[] }> };
    const refusing = Object.entries(lock.packages)
      // Optional packages (other platforms' sharp builds) are skipped, not refused, when they do not fit.
      .filter(([path, entry]) => path !== '' && entry.optional !== true)
      .flatMap(([path, entry]) => (entry.engines && !Array.isArray(entry.engines) && entry.engines.node ? [[path, entry.engines.node] as const] : []))
      .filter(([, range]) => !subset(pkg.engines.node, range))
      .map(([path, range]) => `${path.replace(/^.*node_modules\//, '')} needs ${range}`);
    expect(refusing).toEqual([]);
  });
});

describe('npm install', () => {
  const old = oldNode();
  it.skipIf(!old)('on an old Node, stops with the Node version the project needs and a non-zero exit', () => {
    const dir = installCopy();
    const run = spawnSync(old!.node, [old!.npm, 'ci', '--dry-run', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('EBADENGINE');
    expect(run.stderr).toContain(`Required: {"node":"${pkg.engines.node}"}`);
  });

  it('the project configures only keys npm knows, and no dependency may download a browser', () => {
    const npmrc = existsSync(join(root, '.npmrc')) ? readFileSync(join(root, '.npmrc'), 'utf8') : '';
    const keys = npmrc.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => line.split('=')[0]!.trim());
    // The keys npm documents; an unknown key prints "Unknown project config" on every npm command.
    expect(keys.filter((key) => !['engine-strict'].includes(key))).toEqual([]);
    expect(keys).toContain('engine-strict');
    // Slidev imports playwright-chromium, whose install script downloads Chrome for Testing: it is aliased to
    // playwright-core (same API, no install script) so the system Chromium is the only browser.
    expect(pkg.devDependencies['playwright-chromium']).toBe(`npm:playwright-core@${pkg.devDependencies['playwright-core']}`);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const scripted = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(scripted.filter((name) => pkg.allowScripts?.[name] === undefined), 'review each install script: npm install-scripts approve|deny <pkg>').toEqual([]);
  });
});
