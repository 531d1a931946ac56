import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuntimesConfig } from '../../src/runtimes/config.ts';
import { daprDir, daprHash } from '../../src/runtimes/dapr.ts';
import { installAtomically } from '../../src/runtimes/install-dir.ts';
import { kafkaDir, kafkaHash } from '../../src/runtimes/kafka.ts';
import { kubernetesDir, kubernetesHash, kubernetesLdflags } from '../../src/runtimes/kubernetes.ts';
import { locatePythonEnv, locateRuntime, locateTool } from '../../src/runtimes/locate.ts';
import { venvFor } from '../../src/runtimes/python.ts';
import { toolDir, toolHash } from '../../src/runtimes/tools.ts';
import { cleanup, fixtureRepo } from './helpers.ts';

afterAll(cleanup);

function fakeProgram(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('locateRuntime and friends read only the cache', () => {
  it('kafka: not ready names the provisioning command; ready gives classpath, version and java', async () => {
    const { root, cache } = fixtureRepo();
    const bin = join(cache, '..', 'bin');
    const java = fakeProgram(bin, 'java');
    const env = { BOOK_CACHE_DIR: cache, PATH: bin };
    expect(locateRuntime('kafka', { env, root })).toEqual({
      ready: false,
      reason: `kafka 4.3.2 is not installed (nothing at ${join(cache, 'runtimes/kafka/4.3.2')})`,
      provision: 'npm run runtimes -- install kafka',
    });
    const config = loadRuntimesConfig(root);
    await installAtomically({ dir: kafkaDir(cache, config), name: 'kafka', version: '4.3.2', hash: kafkaHash(root, config), build: async () => {} });
    expect(locateRuntime('kafka', { env, root })).toEqual({ ready: true, classpath: join(cache, 'runtimes/kafka/4.3.2/libs'), version: '4.3.2', java });
    expect(locateRuntime('kafka', { env: { BOOK_CACHE_DIR: cache, PATH: '' }, root })).toMatchObject({ ready: false, provision: 'apt-get install openjdk-17-jre-headless' });
  });

  it('dapr: gives the three binaries and the version', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    const env = { BOOK_CACHE_DIR: cache };
    expect(locateRuntime('dapr', { env, root })).toMatchObject({ ready: false, provision: 'npm run runtimes -- install dapr' });
    await installAtomically({ dir: daprDir(cache, config), name: 'dapr', version: config.dapr.version, hash: daprHash(root, config), build: async () => {} });
    const bin = join(daprDir(cache, config), 'bin');
    expect(locateRuntime('dapr', { env, root })).toEqual({
      ready: true, daprd: join(bin, 'daprd'), placement: join(bin, 'placement'), scheduler: join(bin, 'scheduler'), version: config.dapr.version,
    });
  });

  it('kubernetes: gives the five control-plane binaries; a changed tools module makes the install stale', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    const env = { BOOK_CACHE_DIR: cache };
    expect(locateRuntime('kubernetes', { env, root })).toMatchObject({ ready: false, provision: 'npm run runtimes -- install kubernetes' });
    await installAtomically({ dir: kubernetesDir(cache, config), name: 'kubernetes', version: config.kubernetes.version, hash: kubernetesHash(root, config), build: async () => {} });
    const bin = join(kubernetesDir(cache, config), 'bin');
    expect(locateRuntime('kubernetes', { env, root })).toEqual({
      ready: true,
      kubeApiserver: join(bin, 'kube-apiserver'),
      kubeControllerManager: join(bin, 'kube-controller-manager'),
      kubeScheduler: join(bin, 'kube-scheduler'),
      etcd: join(bin, 'etcd'),
      kwok: join(bin, 'kwok'),
      bin,
      version: config.kubernetes.version,
    });
    writeFileSync(join(root, 'runtimes/kubernetes/go.sum'), `${readFileSync(join(root, 'runtimes/kubernetes/go.sum'), 'utf8')}\n`);
    expect(locateRuntime('kubernetes', { env, root })).toMatchObject({ ready: false, reason: expect.stringContaining('installed from other pins') });
  });

  it('kubernetes: the ldflags stamp the pinned version into component-base', () => {
    expect(kubernetesLdflags('1.36.3')).toBe('-s -w -X k8s.io/component-base/version.gitVersion=v1.36.3 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=36 -X k8s.io/component-base/version.gitTreeState=clean');
  });

  it('redis: finds redis-server on PATH', () => {
    const { root, cache } = fixtureRepo();
    const bin = join(cache, '..', 'redis-bin');
    const server = fakeProgram(bin, 'redis-server');
    expect(locateRuntime('redis', { env: { PATH: bin, BOOK_CACHE_DIR: cache }, root })).toEqual({ ready: true, redisServer: server });
  });

  it('tools: one tool at a time, and all together', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    const env = { BOOK_CACHE_DIR: cache };
    expect(locateTool('helm', { env, root })).toMatchObject({ ready: false, provision: 'npm run runtimes -- install tools' });
    expect(locateTool('terraform', { env, root })).toMatchObject({ ready: false, reason: 'terraform is not a tool pinned in runtimes/runtimes.yaml' });
    for (const [name, pin] of Object.entries(config.tools)) {
      await installAtomically({ dir: toolDir(cache, name, pin), name, version: pin.version, hash: toolHash(pin), build: async (tmp) => void fakeProgram(join(tmp, 'bin'), name) });
    }
    const helm = locateTool('helm', { env, root });
    expect(helm).toEqual({ ready: true, path: join(cache, 'runtimes/helm', config.tools['helm']?.version ?? '', 'bin/helm'), version: config.tools['helm']?.version });
    const all = locateRuntime('tools', { env, root });
    expect(all.ready && Object.keys(all.paths).sort()).toEqual(Object.keys(config.tools).sort());
  });

  it('python: the venv is keyed by the lock content, so an edited lock is not ready', async () => {
    const { root, cache } = fixtureRepo();
    const config = loadRuntimesConfig(root);
    const env = { BOOK_CACHE_DIR: cache };
    const lock = 'snippets/50-x/app/requirements.lock';
    expect(locatePythonEnv(lock, { env, root })).toMatchObject({ ready: false, provision: 'npm run runtimes -- install python' });
    expect(locatePythonEnv('snippets/nope/requirements.lock', { env, root })).toMatchObject({ ready: false, provision: 'npm run runtimes -- lock snippets/nope/requirements.txt' });
    const { dir, hash } = venvFor(cache, config, readFileSync(join(root, lock), 'utf8'));
    await installAtomically({ dir, name: 'python', version: 'x', hash, build: async () => {} });
    expect(locatePythonEnv(lock, { env, root })).toEqual({ ready: true, venv: join(dir, 'venv'), bin: join(dir, 'venv', 'bin') });
    // The dev lock has the same content here: identical locks share one venv.
    expect(locatePythonEnv('snippets/50-x/app/requirements-dev.lock', { env, root })).toMatchObject({ ready: true, venv: join(dir, 'venv') });
    writeFileSync(join(root, lock), 'changed\n');
    expect(locatePythonEnv(lock, { env, root }).ready).toBe(false);
  });
});
