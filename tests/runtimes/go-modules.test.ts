import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuntimesConfig } from '../../src/runtimes/config.ts';
import { InstallError } from '../../src/runtimes/exec.ts';
import { discoverGoModules, goModulesDir, goModulesKey, installGoModules } from '../../src/runtimes/go-modules.ts';
import { MARKER } from '../../src/runtimes/install-dir.ts';
import { locateGoModules } from '../../src/runtimes/locate.ts';
import { cleanup, fixtureRepo, runCli } from './helpers.ts';

afterAll(cleanup);

const FOLDER = 'snippets/53-go/refcheck';

/**
 * A stand-in `go` that downloads nothing: `go mod download -modcacherw` writes one file into $GOMODCACHE and
 * records its cwd and Go environment; FAKE_GO_FAIL=1 makes it fail like an unreachable proxy.
 */
function fakeGo(dir: string): { bin: string; calls: string } {
  const bin = join(dir, 'fake-go-bin');
  mkdirSync(bin, { recursive: true });
  const calls = join(dir, 'go-calls.log');
  writeFileSync(
    join(bin, 'go'),
    [
      '#!/bin/sh',
      `echo "$* | cwd=$(pwd) | GOMODCACHE=$GOMODCACHE GOTOOLCHAIN=$GOTOOLCHAIN GOFLAGS=$GOFLAGS" >> '${calls}'`,
      'if [ "$FAKE_GO_FAIL" = 1 ]; then echo "go: github.com/distribution/reference@v0.6.0: dial tcp: lookup proxy.golang.org: no such host" >&2; exit 1; fi',
      '[ "$*" = "mod download -modcacherw" ] || { echo "unexpected: go $*" >&2; exit 2; }',
      '[ -f go.mod ] || { echo "no go.mod in $(pwd)" >&2; exit 3; }',
      'mkdir -p "$GOMODCACHE/cache/download/github.com/distribution/reference/@v"',
      'cp go.mod "$GOMODCACHE/cache/download/github.com/distribution/reference/@v/v0.6.0.mod"',
      'echo "this write must land in a temporary copy" >> go.sum',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'go'), 0o755);
  return { bin, calls };
}

function context(root: string, cache: string, env: Record<string, string | undefined>) {
  const log = join(cache, 'go-modules.log');
  mkdirSync(cache, { recursive: true });
  return { root, cache, config: loadRuntimesConfig(root), env, log, progress: () => {}, force: false };
}

describe('discoverGoModules', () => {
  it('finds the folders holding a go.mod under snippets/, sorted, skipping node_modules and dot folders', () => {
    const { root } = fixtureRepo();
    for (const skipped of ['snippets/53-go/refcheck/node_modules/dep', 'snippets/50-x/.hidden']) {
      mkdirSync(join(root, skipped), { recursive: true });
      writeFileSync(join(root, skipped, 'go.mod'), 'module skipped\n');
    }
    mkdirSync(join(root, 'snippets/50-x/tool'), { recursive: true });
    writeFileSync(join(root, 'snippets/50-x/tool/go.mod'), 'module example.com/tool\n\ngo 1.25.0\n');
    // runtimes/dapr/go.mod and the other build modules are the runtimes' own, not examples.
    expect(discoverGoModules(root)).toEqual(['snippets/50-x/tool', FOLDER]);
  });
});

describe('goModulesKey and goModulesDir', () => {
  it('key the module cache by go.mod and go.sum: the same pair shares one folder, any change gets a new one', () => {
    const key = goModulesKey('module a\n', 'a v1 h1:x=\n');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(goModulesKey('module a\n', 'a v1 h1:x=\n')).toBe(key);
    expect(goModulesKey('module a\n', 'a v2 h1:y=\n')).not.toBe(key);
    expect(goModulesKey('module b\n', 'a v1 h1:x=\n')).not.toBe(key);
    // The separator keeps go.mod and go.sum apart: moving text from one to the other changes the key.
    expect(goModulesKey('module a\na', ' v1 h1:x=\n')).not.toBe(key);
    expect(goModulesDir('/c', key)).toBe(`/c/runtimes/go-modules/${key}`);
  });
});

describe('installGoModules', () => {
  it('runs go mod download in a temporary copy with the module cache inside the cache folder, then marks it; the second run is instant', async () => {
    const { root, cache } = fixtureRepo();
    const go = fakeGo(join(cache, '..'));
    const before = readFileSync(join(root, FOLDER, 'go.sum'), 'utf8');
    const ctx = context(root, cache, { PATH: `${go.bin}:/usr/bin:/bin`, GOFLAGS: '-mod=vendor' });
    const [first, ...rest] = await installGoModules(ctx, [FOLDER]);
    expect(rest).toEqual([]);
    const key = goModulesKey(readFileSync(join(root, FOLDER, 'go.mod'), 'utf8'), before);
    expect(first).toMatchObject({ dir: goModulesDir(cache, key), reused: false, folders: [FOLDER] });
    expect(existsSync(join(goModulesDir(cache, key), 'mod/cache/download/github.com/distribution/reference/@v/v0.6.0.mod'))).toBe(true);
    expect(JSON.parse(readFileSync(join(goModulesDir(cache, key), MARKER), 'utf8'))).toMatchObject({ name: 'go-modules', hash: key });
    // The work tree is never written, and the temporary copy is gone.
    expect(readFileSync(join(root, FOLDER, 'go.sum'), 'utf8')).toBe(before);
    expect(readdirSync(join(root, FOLDER)).sort()).toEqual(['go.mod', 'go.sum', 'verify.yaml']);
    expect(readdirSync(goModulesDir(cache, key)).sort()).toEqual([MARKER, 'mod']);
    const call = readFileSync(go.calls, 'utf8');
    expect(call).not.toContain(`cwd=${join(root, FOLDER)}`);
    expect(call).toMatch(/GOTOOLCHAIN=local GOFLAGS=$/m); // the caller's GOFLAGS (-mod=vendor) is dropped
    expect(call).toContain(`GOMODCACHE=${cache}/runtimes/go-modules/.${key}.tmp-`);
    const again = await installGoModules(ctx, [FOLDER]);
    expect(again).toMatchObject([{ reused: true }]);
    expect(readFileSync(go.calls, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('examples with the same go.mod and go.sum share one download', async () => {
    const { root, cache } = fixtureRepo();
    const go = fakeGo(join(cache, '..'));
    mkdirSync(join(root, 'snippets/53-go/copy'), { recursive: true });
    for (const file of ['go.mod', 'go.sum']) writeFileSync(join(root, 'snippets/53-go/copy', file), readFileSync(join(root, FOLDER, file)));
    const outcomes = await installGoModules(context(root, cache, { PATH: `${go.bin}:/usr/bin:/bin` }), ['snippets/53-go/copy', FOLDER]);
    expect(outcomes.map((o) => o.folders)).toEqual([['snippets/53-go/copy', FOLDER]]);
  });

  it('a failed download is an InstallError naming the log and what to do; nothing is marked, the cache keeps no half folder', async () => {
    const { root, cache } = fixtureRepo();
    const go = fakeGo(join(cache, '..'));
    const ctx = context(root, cache, { PATH: `${go.bin}:/usr/bin:/bin`, FAKE_GO_FAIL: '1' });
    const failure = await installGoModules(ctx, [FOLDER]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InstallError);
    const error = failure as InstallError;
    expect(error.message).toContain(`go mod download (${FOLDER}) failed (exit 1). Last lines of ${ctx.log}:`);
    expect(error.message).toContain('lookup proxy.golang.org: no such host');
    expect(error.hint).toContain('Go module proxy');
    expect(error.hint).toContain(`go mod tidy in ${FOLDER}`);
    expect(error.hint).toContain('npm run runtimes -- install go-modules');
    expect(readdirSync(join(cache, 'runtimes/go-modules'))).toEqual([]);
    expect(locateGoModules(FOLDER, { env: { BOOK_CACHE_DIR: cache }, root })).toMatchObject({ ready: false });
  });

  it('a folder without go.mod is an InstallError naming it', async () => {
    const { root, cache } = fixtureRepo();
    await expect(installGoModules(context(root, cache, { PATH: '' }), ['snippets/52-z'])).rejects.toThrow('snippets/52-z/go.mod: missing');
  });
});

describe('locateGoModules', () => {
  it('not provisioned names `npm run runtimes -- install go-modules`; provisioned gives the module and build caches; a changed go.sum is stale', async () => {
    const { root, cache } = fixtureRepo();
    const env = { BOOK_CACHE_DIR: cache };
    const key = goModulesKey(readFileSync(join(root, FOLDER, 'go.mod'), 'utf8'), readFileSync(join(root, FOLDER, 'go.sum'), 'utf8'));
    expect(locateGoModules(FOLDER, { env, root })).toEqual({
      ready: false,
      reason: `go-modules for ${FOLDER} is not installed (nothing at ${goModulesDir(cache, key)})`,
      provision: 'npm run runtimes -- install go-modules',
    });
    const go = fakeGo(join(cache, '..'));
    await installGoModules(context(root, cache, { PATH: `${go.bin}:/usr/bin:/bin` }), [FOLDER]);
    expect(locateGoModules(FOLDER, { env, root })).toEqual({ ready: true, modCache: join(goModulesDir(cache, key), 'mod'), buildCache: join(cache, 'go', 'build') });
    expect(locateGoModules(join(root, FOLDER), { env, root })).toMatchObject({ ready: true });
    writeFileSync(join(root, FOLDER, 'go.sum'), `${readFileSync(join(root, FOLDER, 'go.sum'), 'utf8')}example.com/x v1.0.0 h1:1111111111111111111111111111111111111111111=\n`);
    expect(locateGoModules(FOLDER, { env, root })).toMatchObject({ ready: false, reason: expect.stringContaining('is not installed'), provision: 'npm run runtimes -- install go-modules' });
  });

  it('a folder without go.mod is not ready, saying so', () => {
    const { root, cache } = fixtureRepo();
    expect(locateGoModules('snippets/52-z', { env: { BOOK_CACHE_DIR: cache }, root })).toMatchObject({ ready: false, reason: 'snippets/52-z: no go.mod' });
  });
});

describe('npm run runtimes with go-modules', () => {
  it('is a default runtime: list shows a row per Go example, --check names the install command, help names it', async () => {
    const { root, cache } = fixtureRepo();
    const env = { BOOK_CACHE_DIR: cache, PATH: '' };
    const list = await runCli(['list'], root, env);
    expect(list.stdout).toMatch(/^go-modules 53-go\/refcheck +go\.mod \+ go\.sum +no +- +-$/m);
    const check = await runCli(['--check'], root, env);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`missing: go-modules 53-go/refcheck: go-modules for ${FOLDER} is not installed`);
    expect(check.stderr).toContain('provision: npm run runtimes -- install go-modules');
    const help = await runCli(['--help'], root, env);
    expect(help.stdout).toMatch(/^ {2}go-modules +/m);
    expect(help.stdout).toMatch(/default: python, kafka, redis, dapr, tools, go-modules/);
  });

  it('install go-modules downloads each Go example\'s modules, then --check go-modules passes and list shows the path', async () => {
    const { root, cache } = fixtureRepo();
    const go = fakeGo(join(cache, '..'));
    const env = { BOOK_CACHE_DIR: cache, PATH: `${go.bin}:/usr/bin:/bin` };
    const install = await runCli(['install', 'go-modules'], root, env);
    expect(install.code).toBe(0);
    expect(install.stderr).toMatch(new RegExp(`runtimes: go modules of ${FOLDER}: installed in \\d`));
    expect(await runCli(['--check', 'go-modules'], root, env)).toMatchObject({ code: 0 });
    const list = await runCli(['list'], root, env);
    expect(list.stdout).toMatch(/^go-modules 53-go\/refcheck +go\.mod \+ go\.sum +yes +\d+ KiB +\/.*\/runtimes\/go-modules\/[0-9a-f]{16}\/mod$/m);
  });
});
