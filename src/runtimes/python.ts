/**
 * Python for the book's examples: uv from PyPI (hash-checked), lock files made by `uv pip compile
 * --generate-hashes`, and one relocatable virtual environment per distinct lock file, keyed by the lock's
 * content (identical locks share one venv).
 *
 *   discoverRequirements(root)       // → ['snippets/50-fastapi/lumen/requirements-dev.txt', 'snippets/50-fastapi/lumen/requirements.txt', …]
 *   lockPathFor('a/requirements.txt') // → 'a/requirements.lock'
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { fileInLayers, resolveOverlayChain } from '../core/overlay.ts';
import { requirementIncludes } from '../core/pip-requirements.ts';
import { type RuntimesConfig, runtimeDir, type InstallerContext } from './config.ts';
import { InstallError, runLogged } from './exec.ts';
import { installAtomically, type InstallOutcome } from './install-dir.ts';

export function lockPathFor(requirementsFile: string): string {
  return requirementsFile.replace(/\.txt$/, '.lock');
}

function walkVerifyYaml(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walkVerifyYaml(path, out);
    else if (entry.name === 'verify.yaml') out.push(path);
  }
}

/** Folders whose verify.yaml files name requirements to lock and install: the book's, and verify-snippets' real-runtime test fixtures. */
export const MANIFEST_ROOTS = ['snippets', 'tests/verify/fixtures/runtimes/snippets'];

/**
 * Every requirements file a `verify.yaml` under snippets/ (or the real-runtime fixtures) names (`requirements:`), plus what those include
 * with `-r`, as sorted repo-relative paths. Only the `requirements` field is read here.
 */
export function discoverRequirements(root: string): string[] {
  const manifests: string[] = [];
  for (const folder of MANIFEST_ROOTS) {
    const snippets = join(root, folder);
    if (existsSync(snippets)) walkVerifyYaml(snippets, manifests);
  }
  const found = new Set<string>();
  const visit = (file: string) => {
    const rel = relative(root, file);
    if (found.has(rel)) return;
    found.add(rel);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new InstallError(`${rel}: requirements file not found`, 'fix the path in the verify.yaml or the -r line that names it');
    }
    for (const include of requirementIncludes(text)) visit(resolve(dirname(file), include));
  };
  for (const manifest of manifests) {
    let data: unknown;
    try {
      data = parse(readFileSync(manifest, 'utf8'));
    } catch {
      continue; // verify-snippets reports broken manifests itself
    }
    const requirements = (data as { requirements?: unknown } | null)?.requirements;
    if (typeof requirements !== 'string' || requirements === '') continue;
    // An overlay may name a requirements file that lives in the example it extends: look it up through the
    // layers, as verify-snippets does (a broken chain is verify-snippets' to report; the literal path is used).
    const example = relative(root, dirname(manifest)).split(sep).join('/');
    const chain = resolveOverlayChain(root, example);
    const layered = chain.ok ? fileInLayers(root, chain.layers, requirements) : undefined;
    visit(layered === undefined ? resolve(dirname(manifest), requirements) : join(root, layered));
  }
  return [...found].sort();
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export type PythonContext = InstallerContext;

export function uvDir(cache: string, config: RuntimesConfig): string {
  return runtimeDir(cache, 'uv', config.python.uv.version);
}

export function uvBinary(cache: string, config: RuntimesConfig): string {
  return join(uvDir(cache, config), 'lib', 'bin', 'uv');
}

export function uvHash(config: RuntimesConfig): string {
  return contentHash(JSON.stringify(config.python.uv));
}

/** The venv folder for a lock file's content, and the hash its marker must carry. */
/**
 * How a venv is laid out, part of its install hash so that a change here rebuilds every venv once.
 * 2: packages installed with their bytecode compiled (`uv pip sync --compile-bytecode`). Steps run with
 * PYTHONDONTWRITEBYTECODE=1, so without it every step compiled what it imported afresh: 13 s for
 * `import dapr_agents`, 5 s with the bytecode, in each of chapter 58's seven steps.
 */
const VENV_LAYOUT = 2;

export function venvFor(cache: string, config: RuntimesConfig, lockText: string): { dir: string; hash: string } {
  const key = contentHash(lockText);
  return { dir: runtimeDir(cache, 'python', key), hash: contentHash(`${key}\0${config.python.uv.version}\0layout ${VENV_LAYOUT}`) };
}

/** The environment uv runs with: its cache inside ours, never a downloaded Python. */
export function uvEnv(cache: string, env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...env, UV_CACHE_DIR: join(cache, 'uv-cache'), UV_PYTHON_DOWNLOADS: 'never', UV_NO_PROGRESS: '1', VIRTUAL_ENV: undefined };
}

export async function installUv(ctx: PythonContext): Promise<InstallOutcome> {
  const { uv } = ctx.config.python;
  return installAtomically({
    force: ctx.force,
    dir: uvDir(ctx.cache, ctx.config),
    name: 'uv',
    version: uv.version,
    hash: uvHash(ctx.config),
    build: async (tmp) => {
      ctx.progress(`python: installing uv ${uv.version} from PyPI (pip --require-hashes)`);
      const requirement = join(tmp, 'uv-requirement.txt');
      writeFileSync(requirement, `uv==${uv.version} ${uv.sha256.map((h) => `--hash=sha256:${h}`).join(' ')}\n`);
      await runLogged({
        argv: ['python3', '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--require-hashes', '--target', join(tmp, 'lib'), '-r', requirement],
        cwd: tmp,
        env: { ...ctx.env, PIP_ROOT_USER_ACTION: 'ignore' },
        log: ctx.log,
        what: `pip install uv==${uv.version}`,
        hint: 'check that python3 has pip and that PyPI is reachable, then run again',
      });
    },
  });
}

/** Creates (or reuses) the venv of each lock file; returns one outcome per distinct lock content. */
export async function installVenvs(ctx: PythonContext, lockFiles: readonly string[]): Promise<Array<InstallOutcome & { locks: string[] }>> {
  const uv = uvBinary(ctx.cache, ctx.config);
  const byDir = new Map<string, { hash: string; lock: string; locks: string[] }>();
  for (const lock of lockFiles) {
    const abs = resolve(ctx.root, lock);
    if (!existsSync(abs)) {
      throw new InstallError(`${lock}: lock file missing`, `generate it: npm run runtimes -- lock ${lock.replace(/\.lock$/, '.txt')}`);
    }
    const { dir, hash } = venvFor(ctx.cache, ctx.config, readFileSync(abs, 'utf8'));
    const entry = byDir.get(dir);
    if (entry) entry.locks.push(lock);
    else byDir.set(dir, { hash, lock: abs, locks: [lock] });
  }
  const outcomes: Array<InstallOutcome & { locks: string[] }> = [];
  for (const [dir, entry] of byDir) {
    const outcome = await installAtomically({
      force: ctx.force,
      dir,
      name: 'python',
      version: basename(dir),
      hash: entry.hash,
      build: async (tmp) => {
        ctx.progress(`python: creating the venv for ${entry.locks.join(', ')}`);
        const venv = join(tmp, 'venv');
        const env = uvEnv(ctx.cache, ctx.env);
        await runLogged({
          argv: [uv, 'venv', '--quiet', '--relocatable', '--python', 'python3', venv],
          cwd: tmp,
          env,
          log: ctx.log,
          what: 'uv venv',
          hint: 'uv needs a python3 on PATH (it never downloads one); install Python 3.11 and run again',
        });
        await runLogged({
          argv: [uv, 'pip', 'sync', '--quiet', '--require-hashes', '--compile-bytecode', '--python', join(venv, 'bin', 'python'), entry.lock],
          cwd: tmp,
          env,
          log: ctx.log,
          what: `uv pip sync ${relative(ctx.root, entry.lock)}`,
          hint: 'check that PyPI is reachable; if a hash does not match, regenerate the lock: npm run runtimes -- lock',
        });
      },
    });
    outcomes.push({ ...outcome, locks: entry.locks });
  }
  return outcomes;
}

/** `uv pip compile --generate-hashes` for each requirements file, writing the lock next to it. */
export async function lockRequirements(ctx: PythonContext, requirementFiles: readonly string[]): Promise<string[]> {
  const uv = uvBinary(ctx.cache, ctx.config);
  const written: string[] = [];
  for (const file of requirementFiles) {
    const abs = resolve(ctx.root, file);
    if (!existsSync(abs)) throw new InstallError(`${file}: requirements file not found`, 'give the path of a requirements*.txt file');
    const lock = lockPathFor(basename(abs));
    ctx.progress(`lock: ${relative(ctx.root, abs)} → ${lock}`);
    await runLogged({
      argv: [
        uv, 'pip', 'compile', '--quiet', '--generate-hashes', '--python-version', ctx.config.python.pythonVersion,
        '--custom-compile-command', 'npm run runtimes -- lock', basename(abs), '-o', lock,
      ],
      cwd: dirname(abs),
      env: uvEnv(ctx.cache, ctx.env),
      log: ctx.log,
      what: `uv pip compile ${relative(ctx.root, abs)}`,
      hint: 'check the requirements file and that PyPI is reachable, then run again',
    });
    written.push(relative(ctx.root, join(dirname(abs), lock)));
  }
  return written;
}
