/**
 * The modules of the book's Go examples (folders under snippets/ holding a go.mod), downloaded once by
 * `go mod download` into a module cache of their own, keyed by the content of go.mod and go.sum:
 * <cache>/runtimes/go-modules/<key>/mod. Examples with the same go.mod and go.sum share one. verify-snippets
 * then builds the examples offline against it (GOPROXY=off); the work tree is never written.
 *
 *   discoverGoModules(root)                                 // → ['snippets/54-cicd/image-name']
 *   goModulesKey(goMod, goSum)                              // → '3f2a9c…' (16 hex digits)
 *   await installGoModules(ctx, ['snippets/54-cicd/image-name'])
 *   // → [{ dir: '…/runtimes/go-modules/3f2a9c…', reused: false, ms: 29000, folders: ['snippets/54-cicd/image-name'] }]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { provisionCommand, runtimeDir, type InstallerContext } from './config.ts';
import { InstallError, runLogged } from './exec.ts';
import { goEnv } from './go-env.ts';
import { installAtomically, type InstallOutcome } from './install-dir.ts';

/** Where the Go examples live (the runtimes' own build modules under runtimes/ are not examples). */
export const GO_MODULE_ROOTS = ['snippets'];
const SKIPPED = new Set(['node_modules', 'vendor', 'testdata']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || (entry.isDirectory() && SKIPPED.has(entry.name))) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name === 'go.mod') out.push(dir);
  }
}

/** The repo-relative folders holding a go.mod under snippets/, sorted. */
export function discoverGoModules(root: string): string[] {
  const found: string[] = [];
  for (const folder of GO_MODULE_ROOTS) if (existsSync(join(root, folder))) walk(join(root, folder), found);
  return found.map((dir) => relative(root, dir).split(sep).join('/')).sort();
}

/** The key of a module cache: a hash of go.mod and go.sum (kept apart by a NUL). */
export function goModulesKey(goMod: string, goSum: string): string {
  return createHash('sha256').update(goMod).update('\0').update(goSum).digest('hex').slice(0, 16);
}

export function goModulesDir(cache: string, key: string): string {
  return runtimeDir(cache, 'go-modules', key);
}

/** The module cache (GOMODCACHE) inside an install folder. */
export function goModCache(dir: string): string {
  return join(dir, 'mod');
}

/** The build cache Go examples share with the runtimes' own Go builds. */
export function goBuildCache(cache: string): string {
  return goEnv(cache, {})['GOCACHE'] as string;
}

export interface GoModule {
  /** As given (repo-relative or absolute). */
  folder: string;
  goMod: string;
  /** Empty when the module has no go.sum (it requires nothing). */
  goSum: string;
  key: string;
}

/** Reads a module's go.mod and go.sum, or undefined when the folder has no go.mod. */
export function readGoModule(root: string, folder: string): GoModule | undefined {
  const abs = isAbsolute(folder) ? folder : resolve(root, folder);
  let goMod: string;
  try {
    goMod = readFileSync(join(abs, 'go.mod'), 'utf8');
  } catch {
    return undefined;
  }
  const goSum = existsSync(join(abs, 'go.sum')) ? readFileSync(join(abs, 'go.sum'), 'utf8') : '';
  return { folder, goMod, goSum, key: goModulesKey(goMod, goSum) };
}

/** The marker's version field: what the install is for (shown in "not installed" reasons). */
export function goModulesLabel(folder: string): string {
  return `for ${folder}`;
}

/** Downloads (or reuses) the modules of each folder; one outcome per distinct go.mod + go.sum. */
export async function installGoModules(ctx: InstallerContext, folders: readonly string[]): Promise<Array<InstallOutcome & { folders: string[] }>> {
  const byKey = new Map<string, { module: GoModule; folders: string[] }>();
  for (const folder of folders) {
    const module = readGoModule(ctx.root, folder);
    if (module === undefined) throw new InstallError(`${folder}/go.mod: missing`, 'give the folder of a Go module (the one holding go.mod)');
    const entry = byKey.get(module.key);
    if (entry) entry.folders.push(folder);
    else byKey.set(module.key, { module, folders: [folder] });
  }
  const outcomes: Array<InstallOutcome & { folders: string[] }> = [];
  for (const [key, { module, folders: same }] of byKey) {
    const outcome = await installAtomically({
      force: ctx.force,
      dir: goModulesDir(ctx.cache, key),
      name: 'go-modules',
      version: goModulesLabel(same.join(', ')),
      hash: key,
      build: async (tmp) => {
        ctx.progress(`go-modules: go mod download for ${same.join(', ')} (Go module proxy; log: ${ctx.log})`);
        // A copy of exactly the hashed go.mod and go.sum: go may rewrite go.sum, never the work tree's.
        const src = join(tmp, 'src');
        mkdirSync(src);
        writeFileSync(join(src, 'go.mod'), module.goMod);
        if (module.goSum !== '') writeFileSync(join(src, 'go.sum'), module.goSum);
        await runLogged({
          // -modcacherw: the module cache stays removable (a stale install is deleted, a failed one cleaned up).
          argv: ['go', 'mod', 'download', '-modcacherw'],
          cwd: src,
          env: { ...goEnv(ctx.cache, ctx.env), GOMODCACHE: goModCache(tmp) },
          log: ctx.log,
          what: `go mod download (${same.join(', ')})`,
          hint: `Go must be on PATH and the Go module proxy reachable (GOPROXY); if a module or checksum is refused, run go mod tidy in ${same[0]} and commit go.mod and go.sum; then run ${provisionCommand('go-modules')} again`,
        });
        rmSync(src, { recursive: true, force: true });
      },
    });
    outcomes.push({ ...outcome, folders: same });
  }
  return outcomes;
}
