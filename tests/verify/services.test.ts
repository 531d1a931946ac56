import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../src/runtimes/free-port.ts';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySnippets } from '../../src/verify/command.ts';
import { rewriteAddresses } from '../../src/verify/services/session.ts';
import { cleanupFixtures, copyFixture, FIXTURES, fakeDependencies } from './helpers.ts';
import { alive, fakeLocator, makeFakeRuntimes, recordedPids, type FakeRuntimes } from './services-support.ts';

let fakes: FakeRuntimes;
let scratch: string;

beforeEach(async () => {
  scratch = await realpath(await mkdtemp(join(tmpdir(), 'verify-services-test-')));
  fakes = await makeFakeRuntimes(join(scratch, 'bin'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterAll(cleanupFixtures);

async function run(snippet: string, locatorOptions: Parameters<typeof fakeLocator>[1] = {}, extra: { logs?: string[] } = {}) {
  const root = await copyFixture('services');
  const logs = extra.logs ?? [];
  const progress = { start() {}, begin() {}, end() {}, finish() {}, log: (line: string) => logs.push(line) };
  const result = await verifySnippets(
    { root, snippet, cache: false, jobs: 1 },
    fakeDependencies({ runtimes: fakeLocator(fakes.dir, locatorOptions), graceMs: 300, serviceHealthTimeoutMs: 10_000, progress }),
  );
  const checks = result.snippets.find((s) => s.path.endsWith('/run.sh'))?.checks.filter((c) => c.tier === 'local') ?? [];
  return { result, checks, logs };
}

describe('services in verify.yaml', () => {
  it('starts redis and daprd on free ports, passes their addresses, rewrites component addresses, stops everything', async () => {
    const { checks, logs } = await run('55-services/roundtrip');
    expect(checks.map((c) => [c.name, c.status, c.detail])).toEqual([['step: sees the services', 'passed', undefined]]);
    expect(logs.some((l) => /redis: healthy in \d+\.\d s/.test(l))).toBe(true);
    expect(logs.some((l) => /dapr: healthy in \d+\.\d s/.test(l))).toBe(true);
    expect(logs.indexOf(logs.find((l) => l.includes('redis: starting')) ?? '')).toBeLessThan(logs.indexOf(logs.find((l) => l.includes('dapr: starting')) ?? ''));
    const pids = await recordedPids(fakes.pidDir);
    expect(pids.length).toBe(8); // redis, placement, scheduler, daprd and a child of each
    expect(await alive(pids)).toEqual([]);
  });

  it('two apps, each with its own daprd, share one redis, placement and scheduler; each app gets its own sidecar\'s ports', async () => {
    const root = await copyFixture('services');
    const logs: string[] = [];
    const progress = { start() {}, begin() {}, end() {}, finish() {}, log: (line: string) => logs.push(line) };
    const result = await verifySnippets({ root, snippet: '55-services/two-apps', cache: false, jobs: 1 }, fakeDependencies({ runtimes: fakeLocator(fakes.dir, {}), graceMs: 300, serviceHealthTimeoutMs: 10_000, progress }));
    const checks = result.snippets.find((s) => s.path.endsWith('/check.mjs'))?.checks.filter((c) => c.tier === 'local') ?? [];
    expect(checks.map((c) => [c.name, c.status, c.detail ?? c.diagnostics.map((d) => d.message).join()])).toEqual([['step: each app sees its own sidecar', 'passed', '']]);
    const started = logs.filter((l) => l.includes('starting')).map((l) => l.replace(/^.*?: (.*): starting…$/, '$1'));
    expect(started).toEqual(['redis', 'app lumen-tools', 'app lumen', 'dapr lumen', 'dapr lumen-tools']);
    const pids = await recordedPids(fakes.pidDir);
    expect(pids.length).toBe(10); // redis, ONE placement, ONE scheduler, two daprd, and a child of each
    expect(await alive(pids)).toEqual([]);
  });

  it('a service that exits at start fails the example with its log, skips the steps, leaves nothing running', async () => {
    fakes = await makeFakeRuntimes(join(scratch, 'bin'), { redis: 'broken' });
    const { result, checks } = await run('55-services/broken');
    expect(checks.map((c) => [c.name, c.status])).toEqual([['service: redis', 'failed'], ['step: never runs', 'skipped']]);
    expect(checks[0]?.diagnostics[0]?.message).toBe('Service redis could not start: redis exited with code 1');
    expect(checks[0]?.diagnostics[0]).toMatchObject({ file: 'snippets/55-services/broken/verify.yaml', line: 3, column: 5 });
    expect(checks[0]?.detail).toContain('fatal: cannot bind to the port');
    expect(checks[1]?.skipReason).toBe('redis could not start');
    expect(result.exitCode).toBe(1);
    expect(await alive(await recordedPids(fakes.pidDir))).toEqual([]);
  });

  it('a service that never becomes healthy times out with its log and is killed', async () => {
    fakes = await makeFakeRuntimes(join(scratch, 'bin'), { daprd: 'slow' });
    const root = await copyFixture('services');
    const run2 = await verifySnippets({ root, snippet: '55-services/hang', cache: false, jobs: 1 }, fakeDependencies({ runtimes: fakeLocator(fakes.dir, {}), graceMs: 300, serviceHealthTimeoutMs: 1500 }));
    const checks = run2.snippets[0]?.checks.filter((c) => c.tier === 'local') ?? [];
    expect(checks[0]?.diagnostics[0]?.message).toBe('Service dapr could not start: daprd was not healthy after 1.5 s');
    expect(checks[0]?.detail).toContain('slow: fake starting with --mode standalone --app-id hangs');
    expect(await alive(await recordedPids(fakes.pidDir))).toEqual([]);
  });

  it('an app waits for its health as long as its own timeout says, not the services\' default', async () => {
    const root = await copyFixture('services');
    const started = performance.now();
    const result = await verifySnippets({ root, snippet: '55-services/slow-app', cache: false, jobs: 1 }, fakeDependencies({ runtimes: fakeLocator(fakes.dir, {}), graceMs: 300, serviceHealthTimeoutMs: 60_000 }));
    const checks = result.snippets.find((s) => s.path.endsWith('/app.mjs'))?.checks.filter((c) => c.tier === 'local') ?? [];
    expect(checks.map((c) => [c.name, c.status])).toEqual([['service: app', 'failed'], ['step: never runs', 'skipped']]);
    expect(checks[0]?.diagnostics[0]?.message).toBe('Service app could not start: app was not healthy after 1 s');
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it('a step that hangs while services run times out; the step and every service process are killed', async () => {
    const { checks } = await run('55-services/hang');
    expect(checks.map((c) => [c.name, c.status])).toEqual([['step: hangs', 'failed']]);
    expect(checks[0]?.diagnostics[0]?.message).toContain('timed out after 2s');
    // The report carries the services' log tails.
    expect(checks[0]?.detail).toContain('--- redis (last 30 lines) ---');
    expect(checks[0]?.detail).toContain('--- daprd (last 30 lines) ---');
    const pids = await recordedPids(fakes.pidDir);
    expect(pids.length).toBe(8);
    expect(await alive(pids)).toEqual([]);
  });

  it('a runtime that is not provisioned skips the steps with the command that provisions it', async () => {
    const { result, checks } = await run('55-services/missing', { missing: ['kafka'] });
    expect(checks.map((c) => [c.status, c.skipReason])).toEqual([['skipped', 'kafka is not provisioned: run `npm run runtimes -- install kafka`']]);
    expect(result.summary.passed).toBe(0);
  });

  it('on SIGINT during a step, stops the step and all services and exits 130', async () => {
    const root = await copyFixture('services');
    const yaml = join(root, 'snippets/55-services/hang/verify.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('timeout: 2s', 'timeout: 10m'));
    const child = spawn(process.execPath, [join(FIXTURES, 'drivers/cli-with-services.ts'), '--snippet', '55-services/hang', '--no-cache'], { cwd: root, env: { ...process.env, CI: 'true', FAKE_RUNTIMES: fakes.dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitUntil(async () => stderr.includes('dapr: healthy'), { timeoutMs: 90_000, intervalMs: 50 });
    expect(stderr).toContain('dapr: healthy');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const pids = await recordedPids(fakes.pidDir);
    expect(pids.length).toBe(8);
    expect(await alive(pids)).toEqual([]);
  }, 150_000);
});

describe('python environments per example', () => {
  it('runs steps with the venv of the example\'s lock first on PATH and VIRTUAL_ENV set', async () => {
    const venv = join(scratch, 'fixture-venv');
    await mkdir(join(venv, 'bin'), { recursive: true });
    await writeFile(join(venv, 'bin/venv-marker'), '#!/bin/sh\nexit 0\n');
    await writeFile(join(venv, 'bin/python3'), `#!/bin/sh\nexec python3 "$@"\n`.replace('exec python3', `exec ${(await realpath('/usr/bin/python3').catch(() => 'python3'))}`));
    await chmod(join(venv, 'bin/venv-marker'), 0o755);
    await chmod(join(venv, 'bin/python3'), 0o755);
    const { checks } = await run('55-services/venv', { venv });
    expect(checks.map((c) => [c.name, c.status, c.detail])).toEqual([
      ['step: uses the venv', 'passed', undefined],
      ['step: plain shell', 'passed', undefined],
    ]);
  });

  it('skips steps that need Python modules when the lock\'s venv is not provisioned, naming the command', async () => {
    const { checks } = await run('55-services/venv', { venvMissing: true });
    expect(checks.map((c) => [c.name, c.status, c.skipReason])).toEqual([
      ['step: uses the venv', 'skipped', 'python environment for snippets/55-services/venv/requirements.lock is not provisioned: run `npm run runtimes -- install python`'],
      ['step: plain shell', 'passed', undefined],
    ]);
  });
});

describe('Go modules per example', () => {
  /** A stand-in `go` on PATH printing the Go environment a step gets (cache paths relative to the scratch folder). */
  async function runGo(locatorOptions: Parameters<typeof fakeLocator>[1]) {
    const bin = join(scratch, 'go-bin');
    await mkdir(bin, { recursive: true });
    const rel = (name: string) => `${name}=\${${name}#${scratch}/}`;
    await writeFile(join(bin, 'go'), `#!/bin/sh\necho "GOPROXY=$GOPROXY GOFLAGS=$GOFLAGS GOTOOLCHAIN=$GOTOOLCHAIN ${rel('GOMODCACHE')} ${rel('GOCACHE')}"\n`);
    await chmod(join(bin, 'go'), 0o755);
    const root = await copyFixture('services');
    const result = await verifySnippets(
      { root, snippet: '55-services/gomod', cache: false, jobs: 1 },
      fakeDependencies({ runtimes: fakeLocator(fakes.dir, locatorOptions), env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` }, graceMs: 300 }),
    );
    return result.snippets.find((s) => s.path.endsWith('/run.sh'))?.checks.filter((c) => c.tier === 'local') ?? [];
  }

  it('runs the steps of an example with a go.mod offline: its provisioned module cache, GOPROXY=off, -mod=readonly, the local toolchain, a build cache in the cache', async () => {
    const checks = await runGo({ goModules: join(scratch, 'fixture-gomod') });
    expect(checks.map((c) => [c.name, c.status, c.detail])).toEqual([
      ['step: builds offline', 'passed', undefined],
      ['step: plain shell', 'passed', undefined],
    ]);
  });

  it('skips the steps that need go when the example\'s modules are not provisioned, naming the command; the others still run with GOPROXY=off', async () => {
    const checks = await runGo({ goModulesMissing: true });
    expect(checks.map((c) => [c.name, c.status, c.skipReason])).toEqual([
      ['step: builds offline', 'skipped', 'Go modules of snippets/55-services/gomod are not provisioned: run `npm run runtimes -- install go-modules`'],
      ['step: plain shell', 'passed', undefined],
    ]);
  });
});

describe('component address rewriting', () => {
  it('rewrites exactly localhost:6379 and localhost:9092, and only for services that were started', () => {
    const text = 'a: localhost:6379\nb: localhost:9092\nc: localhost:63790x\nd: redis:6379\n';
    expect(rewriteAddresses(text, { redis: 4001 })).toBe('a: 127.0.0.1:4001\nb: localhost:9092\nc: 127.0.0.1:40010x\nd: redis:6379\n');
    expect(rewriteAddresses(text, { redis: 4001, kafka: 4002 })).toContain('b: 127.0.0.1:4002');
  });

  it("points localhost:<port> of an app that declares `port` at the app's free port, and nothing longer", () => {
    const text = 'endpointAddress: localhost:4318\nother: localhost:43180\nkept: localhost:4317\n';
    expect(rewriteAddresses(text, { apps: new Map([[4318, 40500]]) })).toBe('endpointAddress: 127.0.0.1:40500\nother: localhost:43180\nkept: localhost:4317\n');
  });
});
