/**
 * Command-line tools the chapters use (helm, actionlint, kubectl, opa, hey, …), each into
 * <cache>/runtimes/<tool>/<version>/bin/<tool>:
 *   - source go:     `go install <package>@<version>` (checksums from the Go checksum database); with `module:`,
 *                    `go build <package>` inside that build-only module of the repository (its go.mod restates
 *                    the tool's replace directives, which `go install` refuses)
 *   - source debian: `apt-get download` through a private apt configuration kept in the cache (nothing is
 *                    installed system-wide), the .deb's sha256 checked against the pin, then `dpkg-deb -x`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinHash, readRepoFile, REPO_ROOT, runtimeDir, type ToolPin, type InstallerContext } from './config.ts';
import { InstallError, runLogged } from './exec.ts';
import { goEnv } from './go-env.ts';
import { installAtomically, type InstallOutcome } from './install-dir.ts';

export type ToolsContext = InstallerContext;

export function toolDir(cache: string, name: string, pin: ToolPin): string {
  return runtimeDir(cache, name, pin.version);
}

export function toolBinary(cache: string, name: string, pin: ToolPin): string {
  return join(toolDir(cache, name, pin), 'bin', name);
}

/** The pin's hash; for a tool built in a module of the repository, its go.mod and go.sum count too. */
export function toolHash(pin: ToolPin, root: string = REPO_ROOT): string {
  if (pin.source === 'go' && pin.module !== undefined) return pinHash(pin, readRepoFile(root, join(pin.module, 'go.mod')), readRepoFile(root, join(pin.module, 'go.sum')));
  return pinHash(pin);
}

/** The file name `go install` gives a package's binary: its last path element that is not a major version. */
export function goBinaryName(pkg: string): string {
  const parts = pkg.split('/');
  const last = parts.at(-1) ?? pkg;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts.at(-2) ?? last) : last;
}

export async function installGoTool(ctx: ToolsContext, name: string, pin: Extract<ToolPin, { source: 'go' }>, tmp: string): Promise<void> {
  const bin = join(tmp, 'bin');
  mkdirSync(bin, { recursive: true });
  if (pin.module !== undefined) {
    ctx.progress(`tools: go build ${pin.package} ${pin.version} in ${pin.module}`);
    const src = join(tmp, 'src');
    mkdirSync(src);
    for (const file of ['go.mod', 'go.sum']) copyFileSync(join(ctx.root, pin.module, file), join(src, file));
    await runLogged({
      argv: ['go', 'build', '-trimpath', '-ldflags=-s -w', '-o', join(bin, name), pin.package],
      cwd: src,
      env: { ...goEnv(ctx.cache, ctx.env), GOFLAGS: '-mod=mod' },
      log: ctx.log,
      what: `go build ${pin.package} (${pin.module})`,
      hint: `Go 1.26 or later is needed, the Go module proxy must be reachable, and ${pin.module}/go.mod must require ${pin.version}; run again`,
    });
    rmSync(src, { recursive: true, force: true });
    return;
  }
  ctx.progress(`tools: go install ${pin.package}@${pin.version}`);
  await runLogged({
    argv: ['go', 'install', '-trimpath', '-ldflags=-s -w', `${pin.package}@${pin.version}`],
    cwd: tmp,
    env: { ...goEnv(ctx.cache, ctx.env), GOBIN: bin },
    log: ctx.log,
    what: `go install ${pin.package}@${pin.version}`,
    hint: 'Go 1.26 or later is needed and the Go module proxy must be reachable; run again',
  });
  const built = goBinaryName(pin.package);
  if (built !== name) renameSync(join(bin, built), join(bin, name));
}

function aptOptions(aptDir: string): string[] {
  return [
    '-o', `Dir::Etc::SourceList=${join(aptDir, 'sources.list')}`,
    '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State::Lists=${join(aptDir, 'lists')}`,
    '-o', 'Dir::State::status=/dev/null',
    '-o', `Dir::Cache=${join(aptDir, 'cache')}`,
    '-o', 'APT::Sandbox::User=root',
  ];
}

/** `field` names the pin in runtimes/runtimes.yaml for error hints (default tools.<name>). */
export async function installDebianTool(ctx: ToolsContext, name: string, pin: Extract<ToolPin, { source: 'debian' }>, tmp: string, field = `tools.${name}`): Promise<void> {
  const aptDir = join(ctx.cache, 'apt', pin.suite);
  for (const sub of ['lists/partial', 'cache/archives/partial']) mkdirSync(join(aptDir, sub), { recursive: true });
  writeFileSync(
    join(aptDir, 'sources.list'),
    `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian ${pin.suite} main\n`,
  );
  const options = aptOptions(aptDir);
  const hint = 'apt-get and dpkg-deb (Debian or Ubuntu) and the Debian archive must be reachable; run again';
  ctx.progress(`tools: apt-get update for Debian ${pin.suite} (private lists in ${aptDir})`);
  await runLogged({ argv: ['apt-get', '-qq', ...options, 'update'], cwd: tmp, env: ctx.env, log: ctx.log, what: `apt-get update (${pin.suite})`, hint });
  ctx.progress(`tools: apt-get download ${pin.package}=${pin.version}`);
  const debs = join(tmp, 'deb');
  mkdirSync(debs);
  await runLogged({ argv: ['apt-get', '-qq', ...options, 'download', `${pin.package}=${pin.version}`], cwd: debs, env: ctx.env, log: ctx.log, what: `apt-get download ${pin.package}=${pin.version}`, hint });
  const deb = readdirSync(debs).find((f) => f.endsWith('.deb'));
  if (deb === undefined) throw new InstallError(`apt-get download ${pin.package}: no .deb was written`, hint);
  const actual = createHash('sha256').update(readFileSync(join(debs, deb))).digest('hex');
  if (actual !== pin.sha256) {
    throw new InstallError(
      `${deb}: sha256 ${actual} does not match the pin ${pin.sha256}`,
      `if the new package is trusted, update ${field}.sha256 in runtimes/runtimes.yaml; otherwise keep the old install`,
    );
  }
  const unpacked = join(tmp, 'root');
  await runLogged({ argv: ['dpkg-deb', '-x', join(debs, deb), unpacked], cwd: tmp, env: ctx.env, log: ctx.log, what: `dpkg-deb -x ${deb}`, hint });
  const file = join(unpacked, pin.file);
  if (!existsSync(file)) throw new InstallError(`${deb} has no ${pin.file}`, `fix ${field}.file in runtimes/runtimes.yaml`);
  mkdirSync(join(tmp, 'bin'), { recursive: true });
  copyFileSync(file, join(tmp, 'bin', name));
  rmSync(unpacked, { recursive: true, force: true });
  rmSync(debs, { recursive: true, force: true });
}

export async function installTool(ctx: ToolsContext, name: string): Promise<InstallOutcome> {
  const pin = ctx.config.tools[name];
  if (pin === undefined) throw new InstallError(`${name} is not a tool pinned in runtimes/runtimes.yaml`, `known tools: ${Object.keys(ctx.config.tools).join(', ')}`);
  return installAtomically({
    force: ctx.force,
    dir: toolDir(ctx.cache, name, pin),
    name,
    version: pin.version,
    hash: toolHash(pin, ctx.root),
    build: (tmp) => (pin.source === 'go' ? installGoTool(ctx, name, pin, tmp) : installDebianTool(ctx, name, pin, tmp)),
  });
}
