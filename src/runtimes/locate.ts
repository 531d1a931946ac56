/**
 * Finds a provisioned runtime by reading the cache only (never the network). Every "not ready" answer says
 * why and gives the exact command that provisions it, so a caller can print it as a skip reason.
 *
 *   locateRuntime('kafka', { env: process.env })
 *   // → { ready: true, classpath: '…/runtimes/kafka/4.3.2/libs', version: '4.3.2', java: '/usr/bin/java' }
 *   // → { ready: false, reason: 'kafka 4.3.2 is not installed (…)', provision: 'npm run runtimes -- install kafka' }
 *   locatePythonEnv('snippets/50-fastapi/lumen/requirements-dev.lock', { env })  // → { ready: true, venv, bin }
 *   locateTool('helm', { env })                                                 // → { ready: true, path }
 *   locateGoModules('snippets/54-cicd/image-name', { env })                     // → { ready: true, modCache, buildCache }
 *   locateRuntime('kubernetes', { env })  // → { ready: true, kubeApiserver, kubeControllerManager, kubeScheduler, etcd, kwok, bin, version }
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { cacheRoot, loadRuntimesConfig, provisionCommand, REPO_ROOT, type RuntimesConfig } from './config.ts';
import { installProblem } from './install-dir.ts';
import { kafkaDir, kafkaHash } from './kafka.ts';
import { daprDir, daprHash } from './dapr.ts';
import { goBuildCache, goModCache, goModulesDir, goModulesLabel, readGoModule } from './go-modules.ts';
import { kubernetesDir, kubernetesHash } from './kubernetes.ts';
import { uvBinary, uvDir, uvHash, venvFor } from './python.ts';
import { toolBinary, toolDir, toolHash } from './tools.ts';

export interface LocateOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Repository holding runtimes/runtimes.yaml (default: this one). */
  root?: string | undefined;
  /** Already-loaded pins (saves re-reading the file). */
  config?: RuntimesConfig | undefined;
}

export interface NotReady {
  ready: false;
  reason: string;
  provision: string;
}

export type Located<T> = ({ ready: true } & T) | NotReady;

export interface RuntimePaths {
  python: { uv: string; version: string };
  kafka: { classpath: string; version: string; java: string };
  redis: { redisServer: string };
  dapr: { daprd: string; placement: string; scheduler: string; version: string };
  tools: { paths: Record<string, string>; binDirs: string[] };
  kubernetes: { kubeApiserver: string; kubeControllerManager: string; kubeScheduler: string; etcd: string; kwok: string; bin: string; version: string };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program on the environment's PATH (no shell involved). */
export function whichProgram(name: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function findJava(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const home = env['JAVA_HOME'];
  if (home !== undefined && home !== '' && isExecutable(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  return whichProgram('java', env);
}

function context(options: LocateOptions): { root: string; cache: string; config: RuntimesConfig } {
  const root = options.root ?? REPO_ROOT;
  return { root, cache: cacheRoot(options.env), config: options.config ?? loadRuntimesConfig(root) };
}

function notReady(reason: string, provision: string): NotReady {
  return { ready: false, reason, provision };
}

export function locateRuntime<N extends keyof RuntimePaths>(name: N, options: LocateOptions): Located<RuntimePaths[N]>;
export function locateRuntime(name: keyof RuntimePaths, options: LocateOptions): Located<RuntimePaths[keyof RuntimePaths]> {
  const { root, cache, config } = context(options);
  switch (name) {
    case 'python': {
      const problem = installProblem(uvDir(cache, config), 'uv', config.python.uv.version, uvHash(config));
      if (problem !== undefined) return notReady(problem, provisionCommand('python'));
      return { ready: true, uv: uvBinary(cache, config), version: config.python.uv.version };
    }
    case 'kafka': {
      const dir = kafkaDir(cache, config);
      const problem = installProblem(dir, 'kafka', config.kafka.version, kafkaHash(root, config));
      if (problem !== undefined) return notReady(problem, provisionCommand('kafka'));
      const java = findJava(options.env);
      if (java === undefined) return notReady('no Java on PATH or in JAVA_HOME (Kafka needs Java 17 or later)', 'apt-get install openjdk-17-jre-headless');
      return { ready: true, classpath: join(dir, 'libs'), version: config.kafka.version, java };
    }
    case 'redis': {
      const redisServer = whichProgram('redis-server', options.env);
      if (redisServer === undefined) return notReady('redis-server is not installed (it comes from Debian)', `apt-get install ${config.redis.debianPackage}`);
      return { ready: true, redisServer };
    }
    case 'dapr': {
      const dir = daprDir(cache, config);
      const problem = installProblem(dir, 'dapr', config.dapr.version, daprHash(root, config));
      if (problem !== undefined) return notReady(problem, provisionCommand('dapr'));
      const bin = join(dir, 'bin');
      return { ready: true, daprd: join(bin, 'daprd'), placement: join(bin, 'placement'), scheduler: join(bin, 'scheduler'), version: config.dapr.version };
    }
    case 'kubernetes': {
      const dir = kubernetesDir(cache, config);
      const problem = installProblem(dir, 'kubernetes', config.kubernetes.version, kubernetesHash(root, config));
      if (problem !== undefined) return notReady(problem, provisionCommand('kubernetes'));
      const bin = join(dir, 'bin');
      return {
        ready: true,
        kubeApiserver: join(bin, 'kube-apiserver'),
        kubeControllerManager: join(bin, 'kube-controller-manager'),
        kubeScheduler: join(bin, 'kube-scheduler'),
        etcd: join(bin, 'etcd'),
        kwok: join(bin, 'kwok'),
        bin,
        version: config.kubernetes.version,
      };
    }
    case 'tools': {
      const paths: Record<string, string> = {};
      const missing: string[] = [];
      for (const tool of Object.keys(config.tools)) {
        const found = locateTool(tool, { ...options, root, config });
        if (found.ready) paths[tool] = found.path;
        else missing.push(tool);
      }
      if (missing.length > 0) return notReady(`tools not installed: ${missing.join(', ')}`, provisionCommand('tools'));
      return { ready: true, paths, binDirs: Object.values(paths).map((p) => resolve(p, '..')) };
    }
  }
}

export function locateTool(name: string, options: LocateOptions): Located<{ path: string; version: string }> {
  const { root, cache, config } = context(options);
  const pin = config.tools[name];
  if (pin === undefined) return notReady(`${name} is not a tool pinned in runtimes/runtimes.yaml`, 'add it under tools: in runtimes/runtimes.yaml');
  const problem = installProblem(toolDir(cache, name, pin), name, pin.version, toolHash(pin, root));
  if (problem !== undefined) return notReady(problem, provisionCommand('tools'));
  return { ready: true, path: toolBinary(cache, name, pin), version: pin.version };
}

/**
 * The venv made from a lock file (repo-relative or absolute). Keyed by the lock's content, so a changed
 * lock is "not ready" until `npm run runtimes -- install python` runs again.
 */
export function locatePythonEnv(lockFile: string, options: LocateOptions): Located<{ venv: string; bin: string }> {
  const { root, cache, config } = context(options);
  const abs = isAbsolute(lockFile) ? lockFile : resolve(root, lockFile);
  if (!existsSync(abs)) return notReady(`${lockFile}: lock file missing`, `npm run runtimes -- lock ${lockFile.replace(/\.lock$/, '.txt')}`);
  const { dir, hash } = venvFor(cache, config, readFileSync(abs, 'utf8'));
  const problem = installProblem(dir, 'python', `venv for ${lockFile}`, hash);
  if (problem !== undefined) return notReady(problem, provisionCommand('python'));
  const venv = join(dir, 'venv');
  return { ready: true, venv, bin: join(venv, 'bin') };
}

/**
 * The module cache downloaded for a Go module's folder (repo-relative or absolute), keyed by its go.mod and
 * go.sum: a changed go.mod or go.sum is "not ready" until `npm run runtimes -- install go-modules` runs again.
 * `buildCache` is the Go build cache inside the runtimes cache.
 */
export function locateGoModules(folder: string, options: LocateOptions): Located<{ modCache: string; buildCache: string }> {
  const { root, cache } = context(options);
  const module = readGoModule(root, folder);
  if (module === undefined) return notReady(`${folder}: no go.mod`, 'give the folder of a Go module (the one holding go.mod)');
  const dir = goModulesDir(cache, module.key);
  const problem = installProblem(dir, 'go-modules', goModulesLabel(folder), module.key);
  if (problem !== undefined) return notReady(problem, provisionCommand('go-modules'));
  return { ready: true, modCache: goModCache(dir), buildCache: goBuildCache(cache) };
}
