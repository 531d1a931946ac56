/**
 * The Kubernetes kinds we can validate with the installed `kubernetes-models` packages (core API from
 * Kubernetes v1.36, plus Argo CD, KEDA, Prometheus Operator and Strimzi CRDs): which apiVersions exist,
 * which kinds each one serves, and the model class for one (apiVersion, kind).
 *
 *   await loadModel('apps/v1', 'Deployment')   // → class Deployment (has prototype.validate)
 *   kindsOf('apps/v1')                          // → ['ControllerRevision', 'DaemonSet', 'Deployment', ...]
 *   knownApiVersions()                          // → ['admissionregistration.k8s.io/v1', ..., 'v1', ...]
 *
 * Kinds are found by reading the model files (`static{this.kind="Deployment"}`), so listing is cheap;
 * a model module (with its compiled validator) is imported only when a manifest uses that kind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages, in lookup order. The core package also serves the core group (`v1`). */
const PACKAGES = [
  'kubernetes-models',
  '@kubernetes-models/argo-cd',
  '@kubernetes-models/keda',
  '@kubernetes-models/prometheus-operator',
  '@kubernetes-models/strimzi-kafka-operator',
] as const;

const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

export interface ModelClass {
  prototype: { validate(): void };
}

interface PackageInfo {
  name: string;
  directory: string;
  version: string;
  /** apiVersion → folder inside the package. */
  groupVersions: Map<string, string>;
}

let packages: PackageInfo[] | undefined;
const kindCache = new Map<string, string[]>();
const modelCache = new Map<string, Promise<ModelClass | undefined>>();

/** node_modules/<name>, found by walking up from this module (works under Node and vitest alike). */
function packageDirectory(name: string): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function loadPackages(): PackageInfo[] {
  if (packages) return packages;
  packages = [];
  for (const name of PACKAGES) {
    const directory = packageDirectory(name);
    if (!directory) continue;
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
      version?: string;
      exports?: Record<string, unknown>;
    };
    const groupVersions = new Map<string, string>();
    for (const key of Object.keys(manifest.exports ?? {})) {
      const parts = key.replace(/^\.\//, '').split('/');
      if (key.includes('*') || parts.length > 2) continue;
      const version = parts[parts.length - 1] ?? '';
      if (!VERSION.test(version)) continue;
      if (parts.length === 2 && !parts[0]?.includes('.') && name !== 'kubernetes-models') continue;
      groupVersions.set(parts.join('/'), parts.join('/'));
    }
    packages.push({ name, directory, version: manifest.version ?? 'unknown', groupVersions });
  }
  return packages;
}

function packageFor(apiVersion: string): PackageInfo | undefined {
  return loadPackages().find((info) => info.groupVersions.has(apiVersion));
}

export function knownApiVersions(): string[] {
  return [...new Set(loadPackages().flatMap((info) => [...info.groupVersions.keys()]))].sort();
}

/** Top-level kinds (those with apiVersion/kind of their own) served by one apiVersion. */
export function kindsOf(apiVersion: string): string[] {
  const cached = kindCache.get(apiVersion);
  if (cached) return cached;
  const info = packageFor(apiVersion);
  const kinds: string[] = [];
  if (info) {
    const folder = join(info.directory, info.groupVersions.get(apiVersion) ?? apiVersion);
    for (const file of readdirSync(folder)) {
      if (!file.endsWith('.js') || file === 'index.js') continue;
      const match = /static\{this\.kind="([A-Za-z0-9]+)"\}/.exec(readFileSync(join(folder, file), 'utf8'));
      if (match?.[1]) kinds.push(match[1]);
    }
  }
  kinds.sort();
  kindCache.set(apiVersion, kinds);
  return kinds;
}

/** Every apiVersion that serves `kind` (used to say "Deployment is served by apps/v1"). */
export function apiVersionsServing(kind: string): string[] {
  return knownApiVersions().filter((apiVersion) => kindsOf(apiVersion).includes(kind));
}

/** The model class, imported on first use; undefined when the apiVersion/kind is not known. */
export function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}|${kind}`;
  let pending = modelCache.get(key);
  if (!pending) {
    pending = (async () => {
      const info = packageFor(apiVersion);
      if (!info || !kindsOf(apiVersion).includes(kind)) return undefined;
      const module = (await import(`${info.name}/${apiVersion}/${kind}`)) as Record<string, unknown>;
      const model = module[kind];
      return typeof model === 'function' ? (model as unknown as ModelClass) : undefined;
    })();
    modelCache.set(key, pending);
  }
  return pending;
}

/** Folders of the installed model packages (for reading their type declarations). */
export function modelPackageDirectories(): string[] {
  return loadPackages().map((info) => info.directory);
}

/** Package versions, for cache keys. */
export function modelPackageVersions(): Record<string, string> {
  return Object.fromEntries(loadPackages().map((info) => [info.name, info.version]));
}
