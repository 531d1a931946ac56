import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneBuildCaches } from '../../src/runtimes/build-caches.ts';
import { parseRuntimesArgs } from '../../src/runtimes/cli.ts';
import { loadRuntimesConfig } from '../../src/runtimes/config.ts';
import { InstallError } from '../../src/runtimes/exec.ts';
import { installAtomically, MARKER } from '../../src/runtimes/install-dir.ts';
import { kafkaDir, kafkaHash } from '../../src/runtimes/kafka.ts';
import { toolDir, toolHash } from '../../src/runtimes/tools.ts';
import { cleanup, fixtureRepo, runCli } from './helpers.ts';

afterAll(cleanup);

describe('runtimes option parsing', () => {
  it.each([
    [['install'], { command: 'install', names: [], force: false }],
    [['install', 'kafka', 'dapr', 'kafka'], { command: 'install', names: ['kafka', 'dapr'], force: false }],
    [['install', '--force', 'tools'], { command: 'install', names: ['tools'], force: true }],
    [['list'], { command: 'list', names: [], force: false }],
    [['--check'], { command: 'check', names: [], force: false }],
    [['--check', 'python'], { command: 'check', names: ['python'], force: false }],
    [['lock', 'snippets/a/requirements.txt'], { command: 'lock', names: ['snippets/a/requirements.txt'], force: false }],
    [['--help'], { command: 'help', names: [], force: false }],
    [['path'], { command: 'path', names: [], force: false }],
  ])('accepts %j', (argv, options) => {
    expect(parseRuntimesArgs(argv)).toEqual({ ok: true, options });
  });

  it.each([
    [[], 'give a command: install, list, lock, path, prune or --check'],
    [['instal'], 'unknown command "instal" (commands: install, list, lock, path, prune, --check)'],
    [['path', 'tools'], 'path takes no names'],
    [['install', 'java'], 'unknown runtime "java" (runtimes: python, kafka, redis, dapr, tools, go-modules, kubernetes)'],
    [['list', '--force'], '--force only goes with install'],
    [['list', 'kafka'], 'list takes no names'],
    [['--check', 'install'], '--check takes runtime names, not a command (got "install")'],
  ])('rejects %j', (argv, message) => {
    expect(parseRuntimesArgs(argv)).toEqual({ ok: false, message });
  });

  it('exits 2 on an unknown option, with a pointer to --help', async () => {
    const { root, cache } = fixtureRepo();
    const run = await runCli(['--bogus'], root, { BOOK_CACHE_DIR: cache, PATH: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--bogus'");
    expect(run.stderr).toContain('Run npm run runtimes -- --help for usage.');
  });

  it('prints help naming every command and runtime', async () => {
    const { root, cache } = fixtureRepo();
    const run = await runCli(['--help'], root, { BOOK_CACHE_DIR: cache });
    expect(run.code).toBe(0);
    for (const word of ['install [NAME...]', 'list', 'lock [FILE...]', '--check', 'python', 'kafka', 'redis', 'dapr', 'tools']) expect(run.stdout).toContain(word);
  });
});

describe('list and --check on a temporary cache', () => {
  it('an empty cache: list says no everywhere, --check exits 1 naming each provisioning command', async () => {
    const { root, cache } = fixtureRepo();
    const env = { BOOK_CACHE_DIR: cache, PATH: '' };
    const list = await runCli(['list'], root, env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^NAME +PINNED +INSTALLED +SIZE +PATH$/m);
    expect(list.stdout).toMatch(/^kafka +4\.3\.2 +no +- +-$/m);
    expect(list.stdout).toMatch(/^venv 50-x\/app\/requirements-dev\.lock +python 3\.11 +no/m);
    expect(list.stdout).toContain(`cache: ${cache}`);
    const check = await runCli(['--check'], root, env);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`missing: kafka: kafka 4.3.2 is not installed (nothing at ${join(cache, 'runtimes', 'kafka', '4.3.2')})\n  provision: npm run runtimes -- install kafka`);
    expect(check.stderr).toContain('missing: redis: redis-server is not installed (it comes from Debian)\n  provision: apt-get install redis-server');
    expect(check.stderr).toContain('provision: npm run runtimes -- install dapr');
    expect(check.stderr).toContain('provision: npm run runtimes -- install tools');
  });

  it('an installed runtime is listed with its path and size, and --check for it alone passes', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    const dir = kafkaDir(cache, config);
    await installAtomically({
      dir, name: 'kafka', version: '4.3.2', hash: kafkaHash(root, config),
      build: async (tmp) => {
        mkdirSync(join(tmp, 'libs'));
        writeFileSync(join(tmp, 'libs', 'kafka.jar'), Buffer.alloc(4096));
      },
    });
    const env = { BOOK_CACHE_DIR: cache, PATH: '/usr/bin:/bin' };
    const list = await runCli(['list'], root, env);
    expect(list.stdout).toMatch(new RegExp(`^kafka +4\\.3\\.2 +yes +\\d+ KiB +${join(dir, 'libs').replace(/[.+]/g, '\\$&')}$`, 'm'));
    const check = await runCli(['--check', 'kafka'], root, env);
    expect(check).toMatchObject({ code: 0, stdout: `runtimes: everything is provisioned (${cache})\n` });
  });

  it('a changed pin makes the old install stale', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    await installAtomically({ dir: kafkaDir(cache, config), name: 'kafka', version: '4.3.2', hash: kafkaHash(root, config), build: async () => {} });
    const pom = join(root, 'runtimes/kafka/pom.xml');
    writeFileSync(pom, readFileSync(pom, 'utf8').replace('<version>1</version>', '<version>2</version>'));
    const check = await runCli(['--check', 'kafka'], root, { BOOK_CACHE_DIR: cache, PATH: '/usr/bin:/bin' });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('was installed from other pins (runtimes/runtimes.yaml or its build files changed)');
  });

  it('a broken runtimes.yaml is reported with the field and no stack trace', async () => {
    const { root, cache } = fixtureRepo();
    const file = join(root, 'runtimes/runtimes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 4.3.2', 'version: latest'));
    const run = await runCli(['list'], root, { BOOK_CACHE_DIR: cache });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^runtimes: ${file.replace(/[.+]/g, '\\$&')}: kafka\\.version: `));
    expect(run.stderr).not.toContain('    at ');
  });
});

describe('path', () => {
  it('prints the bin folders of installed tools only, joined for PATH', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    const helm = config.tools['helm'];
    if (helm === undefined) throw new Error('helm is pinned');
    await installAtomically({ dir: toolDir(cache, 'helm', helm), name: 'helm', version: helm.version, hash: toolHash(helm), build: async (tmp) => mkdirSync(join(tmp, 'bin')) });
    const run = await runCli(['path'], root, { BOOK_CACHE_DIR: cache });
    expect(run).toMatchObject({ code: 0, stdout: `${join(toolDir(cache, 'helm', helm), 'bin')}\n` });
  });
});

describe('atomic installs', () => {
  it('a failed reinstall keeps the last good install, and leaves no temporary folder', async () => {
    const { cache } = fixtureRepo();
    const dir = join(cache, 'runtimes', 'demo', '1.0.0');
    await installAtomically({ dir, name: 'demo', version: '1.0.0', hash: 'a', build: async (tmp) => writeFileSync(join(tmp, 'good'), 'v1') });
    await expect(
      installAtomically({
        dir, name: 'demo', version: '1.0.0', hash: 'b', build: async (tmp) => {
          writeFileSync(join(tmp, 'half'), 'partial');
          throw new InstallError('download broke', 'try again');
        },
      }),
    ).rejects.toThrow('download broke');
    expect(readFileSync(join(dir, 'good'), 'utf8')).toBe('v1');
    expect(existsSync(join(dir, 'half'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, MARKER), 'utf8'))).toMatchObject({ hash: 'a' });
    expect(readdirSync(join(cache, 'runtimes', 'demo'))).toEqual(['1.0.0']);
  });

  it('a matching marker is reused without running the installer; --force rebuilds', async () => {
    const { cache } = fixtureRepo();
    const dir = join(cache, 'runtimes', 'demo', '1.0.0');
    let builds = 0;
    const request = { dir, name: 'demo', version: '1.0.0', hash: 'h', build: async () => void (builds += 1) };
    expect((await installAtomically(request)).reused).toBe(false);
    expect((await installAtomically(request)).reused).toBe(true);
    expect((await installAtomically({ ...request, force: true })).reused).toBe(false);
    expect(builds).toBe(2);
  });

  it('the command reports a failing installer with what to do, goes on with the others and exits 1', async () => {
    const { root, cache } = fixtureRepo();
    const ran: string[] = [];
    const run = await runCli(['install', 'kafka', 'dapr'], root, { BOOK_CACHE_DIR: cache }, {
      kafka: async () => {
        ran.push('kafka');
        throw new InstallError('mvn dependency:copy-dependencies (Kafka 4.3.2) failed (exit 1)', 'Maven Central must be reachable');
      },
      dapr: async () => {
        ran.push('dapr');
        return ['dapr 1.18.1: up to date'];
      },
    });
    expect(ran).toEqual(['kafka', 'dapr']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/runtimes: kafka failed after \d+ ms: mvn dependency:copy-dependencies \(Kafka 4\.3\.2\) failed \(exit 1\)\n {2}what to do: Maven Central must be reachable\n/);
    expect(run.stderr).toContain('runtimes: dapr 1.18.1: up to date');
    expect(run.stderr).toContain('runtimes: 1 of 2 failed; what was installed before is unchanged');
  });
});

describe('build caches: listed with their size, and pruned without touching an install', () => {
  /** A cache as a cold provisioning leaves it: Go's module cache read-only, as `go mod download` writes it. */
  function provisionedCache() {
    const { root, cache } = fixtureRepo();
    const module = join(cache, 'go', 'mod', 'github.com', 'example', 'lib@v1.0.0');
    mkdirSync(module, { recursive: true });
    writeFileSync(join(module, 'lib.go'), Buffer.alloc(8192));
    chmodSync(join(module, 'lib.go'), 0o444);
    for (const dir of [module, dirname(module), join(cache, 'go', 'mod', 'github.com')]) chmodSync(dir, 0o555);
    mkdirSync(join(cache, 'go', 'build', 'ab'), { recursive: true });
    writeFileSync(join(cache, 'go', 'build', 'ab', 'abcd-d'), Buffer.alloc(4096));
    mkdirSync(join(cache, 'uv-cache'), { recursive: true });
    writeFileSync(join(cache, 'uv-cache', 'wheel'), 'w');
    mkdirSync(join(cache, 'runtimes', 'dapr', '1.0.0', 'bin'), { recursive: true });
    writeFileSync(join(cache, 'runtimes', 'dapr', '1.0.0', 'bin', 'daprd'), 'd');
    return { root, cache };
  }

  it('list ends with the build caches, their sizes and which ones prune removes', async () => {
    const { root, cache } = provisionedCache();
    const list = await runCli(['list'], root, { BOOK_CACHE_DIR: cache, PATH: '' });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^BUILD CACHE +SIZE +PRUNE +PATH$/m);
    expect(list.stdout).toMatch(new RegExp(`^go modules +8 KiB +yes +${join(cache, 'go', 'mod')}$`, 'm'));
    expect(list.stdout).toMatch(new RegExp(`^go builds +4 KiB +yes +${join(cache, 'go', 'build')}$`, 'm'));
    expect(list.stdout).toMatch(new RegExp(`^uv downloads +1 KiB +no +${join(cache, 'uv-cache')}$`, 'm'));
    expect(list.stdout).toContain('npm run runtimes -- prune');
  });

  it('prune removes Go\'s caches, read-only folders included, keeps every install and the uv cache, and says what it freed', async () => {
    const { root, cache } = provisionedCache();
    const env = { BOOK_CACHE_DIR: cache, PATH: '' };
    const prune = await runCli(['prune'], root, env);
    expect(prune.stderr).toBe(`runtimes: removing go modules (${join(cache, 'go', 'mod')}) …\nruntimes: removing go builds (${join(cache, 'go', 'build')}) …\n`);
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain(`removed go modules (8 KiB, ${join(cache, 'go', 'mod')})`);
    expect(prune.stdout).toContain(`removed go builds (4 KiB, ${join(cache, 'go', 'build')})`);
    expect(prune.stdout).toContain('freed 12 KiB');
    expect(existsSync(join(cache, 'go', 'mod'))).toBe(false);
    expect(existsSync(join(cache, 'go', 'build'))).toBe(false);
    expect(readFileSync(join(cache, 'runtimes', 'dapr', '1.0.0', 'bin', 'daprd'), 'utf8')).toBe('d');
    expect(existsSync(join(cache, 'uv-cache', 'wheel'))).toBe(true);
    const again = await runCli(['prune'], root, env);
    expect(again).toMatchObject({ code: 0, stdout: 'runtimes: no build cache to remove\n' });
  });

  it('a cache prune cannot remove is named with the reason and what to do, and what went before is said', () => {
    const { cache } = provisionedCache();
    const denied = (path: string) => {
      if (path.endsWith(join('go', 'build'))) throw Object.assign(new Error(`EACCES: permission denied, unlink '${join(path, 'ab', 'abcd-d')}'`), { code: 'EACCES' });
      rmSync(path, { recursive: true, force: true });
    };
    let thrown: unknown;
    try {
      pruneBuildCaches(cache, () => {}, denied);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InstallError);
    const error = thrown as InstallError;
    expect(error.message).toBe(`could not remove go builds (${join(cache, 'go', 'build')}): EACCES: permission denied, unlink '${join(cache, 'go', 'build', 'ab', 'abcd-d')}' (removed before it: go modules, 8 KiB)`);
    expect(error.hint).toBe(`check who owns ${join(cache, 'go', 'build')} (a run with sudo leaves files only root may remove), then remove it by hand or run prune again as that user`);
    expect(existsSync(join(cache, 'go', 'mod'))).toBe(false);
  });

  it('prune takes no names', () => {
    expect(parseRuntimesArgs(['prune', 'dapr'])).toEqual({ ok: false, message: 'prune takes no names' });
  });
});
