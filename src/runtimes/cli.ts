/**
 * `npm run runtimes -- <command>`: provisions the book's runtimes into the cache and reports on them.
 *
 *   parseRuntimesArgs(['install', 'kafka'])  // → { ok: true, options: { command: 'install', names: ['kafka'], … } }
 *   parseRuntimesArgs(['--bogus'])           // → { ok: false, message: "Unknown option '--bogus'" }
 *   await mainRuntimes(['list'], io)         // → 0, a table on io.stdout
 */
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { cacheRoot, ConfigError, DEFAULT_RUNTIMES, loadRuntimesConfig, RUNTIME_NAMES, type RuntimeName, type RuntimesConfig, type InstallerContext } from './config.ts';
import { buildCaches, pruneBuildCaches } from './build-caches.ts';
import { diskSize, formatSize } from './disk-size.ts';
import { installDapr } from './dapr.ts';
import { installKubernetes } from './kubernetes.ts';
import { InstallError } from './exec.ts';
import type { InstallOutcome } from './install-dir.ts';
import { installKafka } from './kafka.ts';
import { discoverGoModules, installGoModules } from './go-modules.ts';
import { locateGoModules, locatePythonEnv, locateRuntime, locateTool } from './locate.ts';
import { discoverRequirements, installUv, installVenvs, lockPathFor, lockRequirements } from './python.ts';
import { installTool } from './tools.ts';

export const HELP = `Usage: npm run runtimes -- <command> [NAME...]

Provisions the runtimes the book's examples run on, into a cache outside the work tree
($BOOK_CACHE_DIR, default ~/.cache/ai-cloud-native-book/runtimes/<name>/<version>/). Versions and
checksums are pinned in runtimes/runtimes.yaml. A second install is offline and instant; a failed
install keeps the previous good one.

Commands:
  install [NAME...]   install the named runtimes (default: ${DEFAULT_RUNTIMES.join(', ')}; also: kubernetes)
  list                each runtime: pinned version, installed?, path, disk size; then the build caches
  lock [FILE...]      regenerate Python lock files (requirements*.lock beside each requirements*.txt)
                      with uv pip compile --generate-hashes; default: every requirements file a
                      verify.yaml under snippets/ names, plus their -r includes (needs PyPI)
  --check [NAME...]   exit 1 listing what is missing or stale (no network; default as for install)
  path                print the bin folders of the installed tools, Dapr and Kubernetes, joined for PATH:
                      export PATH="$(npm run --silent runtimes -- path):$PATH"
  prune               remove Go's module and build caches (about 17 GiB after a cold install of
                      everything); installs stay and run as before, but a rebuild (a changed pin or
                      --force) downloads and compiles again. list shows every build cache's size

Options:
  --force             with install: rebuild even when the cache is up to date
  -h, --help          show this help

Runtimes:
  python  uv from PyPI (hash-checked) and one venv per distinct lock file (uv pip sync --require-hashes)
  kafka   Apache Kafka jars resolved from Maven Central with Maven (needs Java 17 and Maven)
  redis   redis-server from Debian (apt-get install redis-server); only checked, never downloaded
  dapr    daprd, placement and scheduler compiled from the Go module proxy (needs Go; long cold build)
  tools   helm, actionlint, kubectl, opa, hey, … (Go module proxy or Debian .deb)
  go-modules  the modules of each Go example under snippets/ (a folder with go.mod), downloaded with
          go mod download into a module cache keyed by its go.mod and go.sum, so verify-snippets
          builds the examples offline (GOPROXY=off; needs Go)
  kubernetes  kube-apiserver, kube-controller-manager, kube-scheduler compiled from the Go module proxy,
          etcd from Debian, kwok (simulated nodes) from the Go module proxy: the control plane of
          verify-snippets --cluster local (needs Go; long cold build)

Exit status: 0 done, 1 something failed or is missing, 2 bad usage.`;

export interface RuntimesOptions {
  command: 'install' | 'list' | 'lock' | 'check' | 'path' | 'prune' | 'help';
  names: string[];
  force: boolean;
}

export type ParsedRuntimesArgs = { ok: true; options: RuntimesOptions } | { ok: false; message: string };

const nameSchema = z.enum(RUNTIME_NAMES);

export function parseRuntimesArgs(argv: readonly string[]): ParsedRuntimesArgs {
  let values: { check?: boolean | undefined; force?: boolean | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { check: { type: 'boolean' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: true, options: { command: 'help', names: [], force: false } };
  const [first, ...rest] = positionals;
  let command: RuntimesOptions['command'];
  let names: string[];
  if (values.check) {
    if (first !== undefined && !nameSchema.safeParse(first).success) return { ok: false, message: `--check takes runtime names, not a command (got "${first}")` };
    command = 'check';
    names = positionals;
  } else if (first === 'install' || first === 'list' || first === 'lock' || first === 'path' || first === 'prune') {
    command = first;
    names = rest;
  } else if (first === undefined) {
    return { ok: false, message: 'give a command: install, list, lock, path, prune or --check' };
  } else {
    return { ok: false, message: `unknown command "${first}" (commands: install, list, lock, path, prune, --check)` };
  }
  if (values.force && command !== 'install') return { ok: false, message: '--force only goes with install' };
  if ((command === 'list' || command === 'path' || command === 'prune') && names.length > 0) return { ok: false, message: `${command} takes no names` };
  if (command !== 'lock') {
    for (const name of names) {
      if (!nameSchema.safeParse(name).success) return { ok: false, message: `unknown runtime "${name}" (runtimes: ${RUNTIME_NAMES.join(', ')})` };
    }
  }
  return { ok: true, options: { command, names: [...new Set(names)], force: values.force ?? false } };
}

export interface RuntimesIo {
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Replaces the real installers (tests inject failing or fake ones). */
  installers?: Partial<Record<RuntimeName, (ctx: InstallContext) => Promise<string[]>>> | undefined;
}

export type InstallContext = InstallerContext & { force: boolean };

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

function describe(outcome: InstallOutcome, label: string): string {
  return outcome.reused ? `${label}: up to date (${outcome.dir})` : `${label}: installed in ${formatDuration(outcome.ms)} (${outcome.dir})`;
}

/** Lock files of every requirements file verify.yaml files name (the venvs `install python` makes). */
export function discoverLocks(root: string): string[] {
  return discoverRequirements(root).map(lockPathFor);
}

const realInstallers: Record<RuntimeName, (ctx: InstallContext) => Promise<string[]>> = {
  python: async (ctx) => {
    const lines = [describe(await installUv(ctx), `uv ${ctx.config.python.uv.version}`)];
    for (const venv of await installVenvs(ctx, discoverLocks(ctx.root))) lines.push(describe(venv, `venv for ${venv.locks.join(', ')}`));
    return lines;
  },
  kafka: async (ctx) => [describe(await installKafka(ctx), `kafka ${ctx.config.kafka.version}`)],
  redis: async (ctx) => {
    const found = locateRuntime('redis', { env: ctx.env, root: ctx.root, config: ctx.config });
    if (!found.ready) throw new InstallError(found.reason, `install it from Debian: ${found.provision} (.ci/run does this)`);
    return [`redis: found ${found.redisServer}`];
  },
  dapr: async (ctx) => [describe(await installDapr(ctx), `dapr ${ctx.config.dapr.version}`)],
  'go-modules': async (ctx) => {
    const folders = discoverGoModules(ctx.root);
    if (folders.length === 0) return ['go-modules: no go.mod under snippets/'];
    return (await installGoModules(ctx, folders)).map((outcome) => describe(outcome, `go modules of ${outcome.folders.join(', ')}`));
  },
  kubernetes: async (ctx) => [describe(await installKubernetes(ctx), `kubernetes ${ctx.config.kubernetes.version}`)],
  tools: async (ctx) => {
    const lines: string[] = [];
    const failures: string[] = [];
    for (const name of Object.keys(ctx.config.tools)) {
      try {
        lines.push(describe(await installTool(ctx, name), `${name} ${ctx.config.tools[name]?.version}`));
      } catch (error) {
        if (!(error instanceof InstallError)) throw error;
        failures.push(`${name}: ${error.message}\n  what to do: ${error.hint}`);
      }
    }
    for (const line of lines) ctx.progress(line);
    if (failures.length > 0) throw new InstallError(`tools failed:\n${failures.join('\n')}`, 'fix the cause above and run npm run runtimes -- install tools again');
    return [];
  },
};

interface StatusRow {
  name: string;
  version: string;
  state: 'yes' | 'no';
  path: string;
  size: string;
  reason?: string | undefined;
  provision?: string | undefined;
}

function statusRows(root: string, env: RuntimesIo['env'], config: RuntimesConfig, names: readonly RuntimeName[], withSize: boolean): StatusRow[] {
  const rows: StatusRow[] = [];
  const options = { env, root, config };
  const size = (path: string) => (withSize ? formatSize(diskSize(path)) : '');
  for (const name of names) {
    if (name === 'python') {
      const uv = locateRuntime('python', options);
      rows.push(uv.ready
        ? { name: 'uv', version: config.python.uv.version, state: 'yes', path: uv.uv, size: size(join(uv.uv, '..', '..', '..')) }
        : { name: 'uv', version: config.python.uv.version, state: 'no', path: '', size: '', reason: uv.reason, provision: uv.provision });
      for (const lock of discoverLocks(root)) {
        const venv = locatePythonEnv(lock, options);
        const label = `venv ${relative('snippets', lock)}`;
        rows.push(venv.ready
          ? { name: label, version: `python ${config.python.pythonVersion}`, state: 'yes', path: venv.venv, size: size(venv.venv) }
          : { name: label, version: `python ${config.python.pythonVersion}`, state: 'no', path: '', size: '', reason: venv.reason, provision: venv.provision });
      }
    } else if (name === 'tools') {
      for (const tool of Object.keys(config.tools)) {
        const found = locateTool(tool, options);
        const version = config.tools[tool]?.version ?? '';
        rows.push(found.ready
          ? { name: tool, version, state: 'yes', path: found.path, size: size(join(found.path, '..', '..')) }
          : { name: tool, version, state: 'no', path: '', size: '', reason: found.reason, provision: found.provision });
      }
    } else if (name === 'go-modules') {
      for (const folder of discoverGoModules(root)) {
        const found = locateGoModules(folder, options);
        const label = `go-modules ${relative('snippets', folder)}`;
        rows.push(found.ready
          ? { name: label, version: 'go.mod + go.sum', state: 'yes', path: found.modCache, size: size(join(found.modCache, '..')) }
          : { name: label, version: 'go.mod + go.sum', state: 'no', path: '', size: '', reason: found.reason, provision: found.provision });
      }
    } else {
      const found = locateRuntime(name, options);
      const version = name === 'redis' ? `Debian ${config.redis.debianPackage}` : config[name].version;
      if (!found.ready) {
        rows.push({ name, version, state: 'no', path: '', size: '', reason: found.reason, provision: found.provision });
        continue;
      }
      const path = 'classpath' in found ? found.classpath : 'daprd' in found ? join(found.daprd, '..') : 'kubeApiserver' in found ? found.bin : 'redisServer' in found ? found.redisServer : '';
      rows.push({ name, version, state: 'yes', path, size: name === 'redis' ? '' : size(join(path, '..')) });
    }
  }
  return rows;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

export async function mainRuntimes(argv: readonly string[], io: RuntimesIo): Promise<number> {
  const parsed = parseRuntimesArgs(argv);
  if (!parsed.ok) {
    io.stderr(`runtimes: ${parsed.message}\nRun npm run runtimes -- --help for usage.\n`);
    return 2;
  }
  const { options } = parsed;
  if (options.command === 'help') {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  let config: RuntimesConfig;
  try {
    config = loadRuntimesConfig(io.root);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`runtimes: ${error.message}\n`);
    return 1;
  }
  const cache = cacheRoot(io.env);
  const defaults = options.command === 'list' ? RUNTIME_NAMES : DEFAULT_RUNTIMES;
  const names = (options.names.length > 0 ? options.names : [...defaults]) as RuntimeName[];
  try {
    if (options.command === 'list') {
      const rows = statusRows(io.root, io.env, config, names, true);
      io.stdout(`${table([['NAME', 'PINNED', 'INSTALLED', 'SIZE', 'PATH'], ...rows.map((r) => [r.name, r.version, r.state, r.size || '-', r.path || '-'])])}\n`);
      const caches = buildCaches(cache).filter((c) => existsSync(c.path));
      if (caches.length > 0) {
        io.stdout(`\n${table([['BUILD CACHE', 'SIZE', 'PRUNE', 'PATH'], ...caches.map((c) => [c.name, formatSize(diskSize(c.path)), c.prunable ? 'yes' : 'no', c.path])])}\n`);
        io.stdout('(only rebuilds read them; npm run runtimes -- prune removes those marked yes)\n');
      }
      io.stdout(`cache: ${cache}\n`);
      return 0;
    }
    if (options.command === 'prune') {
      const removed = pruneBuildCaches(cache, (name, path) => io.stderr(`runtimes: removing ${name} (${path}) …\n`));
      if (removed.length === 0) {
        io.stdout('runtimes: no build cache to remove\n');
        return 0;
      }
      for (const r of removed) io.stdout(`removed ${r.name} (${formatSize(r.bytes)}, ${r.path})\n`);
      io.stdout(`freed ${formatSize(removed.reduce((sum, r) => sum + r.bytes, 0))}; the installs are unchanged\n`);
      return 0;
    }
    if (options.command === 'path') {
      const dirs: string[] = [];
      for (const tool of Object.keys(config.tools)) {
        const found = locateTool(tool, { env: io.env, root: io.root, config });
        if (found.ready) dirs.push(dirname(found.path));
      }
      const dapr = locateRuntime('dapr', { env: io.env, root: io.root, config });
      if (dapr.ready) dirs.push(dirname(dapr.daprd));
      const kubernetes = locateRuntime('kubernetes', { env: io.env, root: io.root, config });
      if (kubernetes.ready) dirs.push(kubernetes.bin);
      io.stdout(`${dirs.join(delimiter)}\n`);
      return 0;
    }
    if (options.command === 'check') {
      const missing = statusRows(io.root, io.env, config, names, false).filter((r) => r.state === 'no');
      if (missing.length === 0) {
        io.stdout(`runtimes: everything is provisioned (${cache})\n`);
        return 0;
      }
      for (const row of missing) io.stderr(`missing: ${row.name}: ${row.reason}\n  provision: ${row.provision}\n`);
      io.stderr(`runtimes: ${missing.length} missing or stale\n`);
      return 1;
    }
    const logs = join(cache, 'runtimes', 'logs');
    mkdirSync(logs, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const progress = (line: string) => io.stderr(`runtimes: ${line}\n`);
    if (options.command === 'lock') {
      const ctx = { root: io.root, cache, config, env: io.env, log: join(logs, `lock-${stamp}.log`), progress, force: false };
      await installUv(ctx);
      const files = options.names.length > 0 ? options.names : discoverRequirements(io.root);
      for (const written of await lockRequirements(ctx, files)) io.stdout(`wrote ${written}\n`);
      return 0;
    }
    const installers = { ...realInstallers, ...io.installers };
    let failed = 0;
    for (const name of names) {
      const started = performance.now();
      const log = join(logs, `${name}-${stamp}.log`);
      try {
        const lines = await installers[name]({ root: io.root, cache, config, env: io.env, log, progress, force: options.force });
        for (const line of lines) progress(line);
      } catch (error) {
        if (!(error instanceof InstallError || error instanceof ConfigError)) throw error;
        failed += 1;
        io.stderr(`runtimes: ${name} failed after ${formatDuration(performance.now() - started)}: ${error.message}\n`);
        if (error instanceof InstallError) io.stderr(`  what to do: ${error.hint}\n`);
      }
    }
    if (failed > 0) {
      io.stderr(`runtimes: ${failed} of ${names.length} failed; what was installed before is unchanged\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof InstallError) {
      io.stderr(`runtimes: ${error.message}\n  what to do: ${error.hint}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      io.stderr(`runtimes: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
