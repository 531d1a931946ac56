/**
 * The upstream CRDs the local control plane installs, from the reference copies in `../shared/crds/` (beside
 * the repository; never copied into it). Only the API groups a run uses are installed: those of the
 * objects its examples apply, and those of their add-ons.
 *
 *   const found = findCrdReference(root);                  // → { ready: true, dir: '/work/shared/crds' } | { ready: false, reason }
 *   const index = indexCrds(found.dir);                     // → [{ file, name: 'kafkas.kafka.strimzi.io', group: 'kafka.strimzi.io', kind: 'Kafka' }, …]
 *   crdsForGroups(index, ['kafka.strimzi.io'])              // → the Strimzi CRD files
 *   prepareCrds(files, outDir)                              // → copies; a conversion webhook nobody serves is turned off
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { Addon } from '../verify/manifest.ts';

/**
 * The reference sets used, in priority order: when two sets define the same CRD (Gateway API's standard and
 * experimental channels, Kong's two projects), the first wins. Gateway API v1.5.1 standard is the version
 * the book asks for; Kong's ingress controller CRDs are the ones KIC 3.5 installs.
 */
export const CRD_SETS = [
  'dapr/v1.18.3',
  'strimzi/1.2.0',
  'gateway-api/v1.5.1/standard',
  'kong-ingress-controller/v1.5.2',
  'keda/v2.20.2',
  'prometheus-operator/v0.93.0',
  'opentelemetry-operator/v0.158.0',
  'argo-cd/v3.5.1',
  'kyverno/v1.19.0',
  'external-secrets/v2.9.0',
] as const;

/** The API groups each add-on's operator owns (its CRDs are installed even where no example applies one). */
export const ADDON_GROUPS: Record<Addon, readonly string[]> = {
  dapr: ['dapr.io'],
  strimzi: ['kafka.strimzi.io', 'core.strimzi.io'],
  kong: ['configuration.konghq.com'],
  'prometheus-crds': ['monitoring.coreos.com'],
  'envoy-gateway': ['gateway.networking.k8s.io'],
};

export interface CrdFile {
  file: string;
  /** metadata.name: `<plural>.<group>` */
  name: string;
  group: string;
  kind: string;
}

export type CrdReference = { ready: true; dir: string } | { ready: false; reason: string };

/**
 * `../shared/crds` relative to the repository root, when it is there; `$BOOK_SHARED_DIR/crds` instead when
 * that is set (a git worktree elsewhere than beside shared/).
 */
export function findCrdReference(root: string, env: Readonly<Record<string, string | undefined>> = process.env): CrdReference {
  const shared = env['BOOK_SHARED_DIR'];
  const dir = shared !== undefined && shared !== '' ? resolve(shared, 'crds') : resolve(root, '..', 'shared', 'crds');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { ready: false, reason: `no reference CRDs at ${dir} (../shared/crds beside the repository is absent; set BOOK_SHARED_DIR to the shared folder)` };
  return { ready: true, dir };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every CRD of the reference sets, first set first; a CRD name already seen is skipped. */
export function indexCrds(dir: string, sets: readonly string[] = CRD_SETS): CrdFile[] {
  const seen = new Set<string>();
  const out: CrdFile[] = [];
  for (const set of sets) {
    for (const file of yamlFiles(join(dir, set))) {
      const text = readFileSync(file, 'utf8');
      // A regex over the text, not a YAML parse: the files are 25 MiB together and only three fields matter.
      const name = /^metadata:\s*\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+name:\s*["']?([a-z0-9.-]+)/m.exec(text)?.[1];
      const group = /^spec:\s*\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+group:\s*["']?([a-z0-9.-]+)/m.exec(text)?.[1];
      const kind = /^[ \t]+names:\s*\n(?:[ \t]+.*\n)*?[ \t]+kind:\s*["']?([A-Za-z0-9]+)/m.exec(text)?.[1];
      if (name === undefined || group === undefined || kind === undefined || seen.has(name)) continue;
      seen.add(name);
      out.push({ file, name, group, kind });
    }
  }
  return out;
}

export function crdsForGroups(index: readonly CrdFile[], groups: Iterable<string>): CrdFile[] {
  const wanted = new Set(groups);
  return index.filter((crd) => wanted.has(crd.group));
}

/** Groups served by kube-apiserver itself (`apps`, `batch`, `*.k8s.io`, the core group ''). */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** The non-built-in API groups of every object in some YAML texts (unparseable documents are ignored here: the static tier reports them). */
export function groupsUsed(texts: Iterable<string>): Set<string> {
  const groups = new Set<string>();
  for (const text of texts) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const collect = (value: unknown) => {
        if (value === null || typeof value !== 'object') return;
        const object = value as Record<string, unknown>;
        if (typeof object['apiVersion'] === 'string' && object['apiVersion'].includes('/')) {
          const group = object['apiVersion'].split('/')[0] ?? '';
          if (!isBuiltInGroup(group)) groups.add(group);
        }
        if (Array.isArray(object['items'])) for (const item of object['items']) collect(item);
      };
      collect(doc.toJS());
    }
  }
  return groups;
}

/**
 * Copies the CRD files into `outDir`, turning a conversion webhook into `strategy: None`: the webhook
 * (Dapr's Subscription names one its Helm chart fills in) is not served here, and while it is named every
 * read of an older version fails.
 */
export function prepareCrds(crds: readonly CrdFile[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return crds.map((crd, i) => {
    const out = join(outDir, `${String(i).padStart(3, '0')}-${basename(crd.file)}`);
    const text = readFileSync(crd.file, 'utf8');
    if (/^\s+strategy:\s*Webhook/m.test(text)) {
      const object = parse(text) as { spec: { conversion?: unknown } };
      object.spec.conversion = { strategy: 'None' };
      writeFileSync(out, stringify(object));
    } else {
      writeFileSync(out, text);
    }
    return out;
  });
}
