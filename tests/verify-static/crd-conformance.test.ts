/**
 * Conformance of our Dapr, Kong and Strimzi schemas with the upstream CRDs in `../shared/crds/` (reference
 * data outside the repository: read from there, never copied in; see its README). Skipped, with the
 * reason, where that folder is absent.
 *
 * For every CRD version we have a schema for, the CRD's structural schema is walked to build examples:
 *   - a "full" example (every property the CRD declares, one item per list and map) and a "minimal" one
 *     (required properties only) must both be accepted: we know every field and require nothing extra;
 *   - removing each field the CRD requires must be reported as missing at that place;
 *   - a value outside each enum the CRD declares must be reported at that place.
 * Our schemas are deliberately stricter in a few places (a value format or enum the Dapr/Kong runtime
 * enforces although the CRD does not); those are listed in STRICTER with the sample value used there.
 * Our own "good" fixtures of these kinds must in turn be valid against the CRD's structural schema.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { schemaFindingsFor } from '../../src/verify/static/kubernetes.ts';
import { displayPath } from '../../src/verify/static/schema-findings.ts';
import { fixtureFiles, readFixture, ROOT } from './support.ts';

/**
 * `../shared/crds` next to the repository; in a linked git worktree the repository is the main worktree
 * (its `.git` file points into `<main>/.git/worktrees/<name>`).
 */
function crdRoot(): string {
  const direct = resolve(ROOT, '../shared/crds');
  if (existsSync(direct) || !existsSync(join(ROOT, '.git'))) return direct;
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(join(ROOT, '.git'), 'utf8'))?.[1]?.trim();
  const main = pointer && /[/\\]\.git[/\\]worktrees[/\\]/.test(pointer) ? resolve(pointer, '../../..') : undefined;
  return main ? resolve(main, '../shared/crds') : direct;
}

const CRD_ROOT = crdRoot();
const SETS = ['dapr/v1.18.3', 'kong-ingress-controller/v1.5.2', 'strimzi/1.2.0'];
const available = existsSync(CRD_ROOT);

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  minItems?: number;
  pattern?: string;
  oneOf?: Schema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
}

interface CrdVersion {
  file: string;
  apiVersion: string;
  kind: string;
  schema: Schema;
}

type Path = (string | number)[];

/**
 * Where our schemas are stricter than the CRD on purpose: the value the examples use there (matched on
 * the last path segment, within one kind). Everything else gets a neutral sample.
 */
const STRICTER: Record<string, Record<string, unknown>> = {
  // Component type/version have a fixed shape (state.redis, v1) in Dapr; durations are Go durations.
  Component: { type: 'state.redis', version: 'v1', initTimeout: '5s' },
  Configuration: {
    protocol: 'grpc', // otel and API-rule protocols: Dapr accepts only http or grpc
    defaultAction: 'allow', // access control and secret scopes: allow or deny
    defaultAccess: 'allow',
    action: 'allow',
    workloadCertTTL: '24h',
    allowedClockSkew: '15m',
    timeout: '10s',
    completed: '24h',
    failed: '24h',
    terminated: '24h',
    anyTerminal: '24h',
  },
  Resiliency: { policy: 'constant', duration: '5s', maxInterval: '15s', interval: '60s', timeout: '30s', '{*}': '5s', circuitBreakerScope: 'id' },
  // A plugin name is a Kong plugin id (lower case, dashes).
  KongPlugin: { plugin: 'rate-limiting' },
  KongClusterPlugin: { plugin: 'rate-limiting' },
};

/**
 * Fields we require although the CRD does not (path within the kind): a Dapr resource without `spec`
 * is CRD-valid (kubebuilder never requires it) but does nothing, and the Dapr runtime rejects it.
 */
const STRICTER_REQUIRED: Record<string, string[]> = {
  Component: ['spec'],
  Configuration: ['spec'],
  Resiliency: ['spec'],
  Subscription: ['spec'],
};

/**
 * Known gaps, each a finding our checker reports on a valid full example: fields newer than the
 * installed model package. @kubernetes-models/strimzi-kafka-operator 1.0.1 (the newest published)
 * predates Strimzi 1.2.0. The test fails when an entry is no longer needed, so the list only shrinks.
 */
const TEMPLATED_VOLUMES = 'k8s-unknown-field Unknown field "spec.template.pod.templatedVolumes"';
const KNOWN_GAPS: Record<string, string[]> = {
  'kafka.strimzi.io/v1|Kafka': [
    'k8s-unknown-field Unknown field "spec.kafka.listeners[0].configuration.perBrokerAnnotationsTemplate"',
    'k8s-unknown-field Unknown field "spec.kafka.listeners[0].configuration.perBrokerLabelsTemplate"',
    'k8s-unknown-field Unknown field "spec.kafka.listeners[0].configuration.parentRefs"',
    'k8s-unknown-field Unknown field "spec.kafka.template.pod.templatedVolumes"',
  ],
  'kafka.strimzi.io/v1|KafkaConnect': [
    TEMPLATED_VOLUMES,
    'k8s-unknown-field Unknown field "spec.build.plugins[0].artifacts[0].includeScope"',
    'k8s-unknown-field Unknown field "spec.build.plugins[0].artifacts[0].mirrors"',
  ],
  'kafka.strimzi.io/v1|KafkaUser': ['k8s-unknown-field Unknown field "spec.authentication.renewalDays"', 'k8s-unknown-field Unknown field "spec.authentication.validityDays"'],
  'kafka.strimzi.io/v1|KafkaNodePool': [TEMPLATED_VOLUMES],
  'kafka.strimzi.io/v1|KafkaMirrorMaker2': [TEMPLATED_VOLUMES],
};

/** The places a known gap covers (nothing under an unknown field can be compared). */
function underGap(gaps: string[], path: Path): boolean {
  const shown = displayPath(path);
  return gaps.some((gap) => {
    const field = /Unknown field "([^"]+)"/.exec(gap)?.[1];
    return field !== undefined && (shown === field || shown.startsWith(`${field}.`) || shown.startsWith(`${field}[`));
  });
}

/** Top-level fields the API server writes; authors never do, and our schemas do not model them. */
const SERVER_WRITTEN = new Set(['status']);

function loadCrds(): CrdVersion[] {
  const versions: CrdVersion[] = [];
  for (const set of SETS) {
    const folder = join(CRD_ROOT, set);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort()) {
      const crd = parse(readFileSync(join(folder, name), 'utf8')) as {
        spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema?: { openAPIV3Schema: Schema } }[] };
      };
      for (const version of crd.spec.versions) {
        if (!version.served || !version.schema) continue;
        versions.push({ file: `${set}/${name}`, apiVersion: `${crd.spec.group}/${version.name}`, kind: crd.spec.names.kind, schema: version.schema.openAPIV3Schema });
      }
    }
  }
  return versions;
}

/** Values tried, in order, for a string with a `pattern` (the first that matches is used). */
const PATTERN_SAMPLES = ['sample', '1', '1Gi', '512m', '1KiB/s', 'https://example.com/plugin.tgz', '5s'];

function sampleString(kind: string, key: string, pattern: string | undefined): unknown {
  const stricter = STRICTER[kind];
  if (stricter && key in stricter) return stricter[key];
  if (pattern !== undefined) return PATTERN_SAMPLES.find((candidate) => new RegExp(pattern).test(candidate)) ?? 'sample';
  return 'sample';
}

/** An example instance of `schema`: every declared property (`full`) or only the required ones. */
function example(schema: Schema, kind: string, key: string, full: boolean, depth = 0): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema['x-kubernetes-int-or-string']) return 1;
  switch (schema.type) {
    case 'string':
      return sampleString(kind, key, schema.pattern);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return schema.items && depth < 24 ? [example(schema.items, kind, key, full, depth + 1)] : [];
    default: {
      const object: Record<string, unknown> = {};
      if (depth >= 24) return object;
      // `oneOf` branches that each require different properties: follow the first branch only.
      const [first, ...others] = schema.oneOf ?? [];
      const required = new Set([...(schema.required ?? []), ...(first?.required ?? [])]);
      const excluded = new Set(others.flatMap((branch) => branch.required ?? []).filter((name) => !required.has(name)));
      for (const [name, child] of Object.entries(schema.properties ?? {})) {
        if (depth === 0 && (SERVER_WRITTEN.has(name) || name === 'apiVersion' || name === 'kind' || name === 'metadata')) continue;
        if (excluded.has(name)) continue;
        if (full || required.has(name)) object[name] = example(child, kind, name, full, depth + 1);
      }
      if (full && typeof schema.additionalProperties === 'object') object['sample'] = example(schema.additionalProperties, kind, '{*}', full, depth + 1);
      if (!schema.properties && !schema.additionalProperties && schema['x-kubernetes-preserve-unknown-fields'] && schema.type === undefined) return 'sample';
      return object;
    }
  }
}

/** Every place the full example has: (path, schema), following properties, list items and map values. */
function places(schema: Schema, value: unknown, path: Path = []): { path: Path; schema: Schema }[] {
  const found = [{ path, schema }];
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => found.push(...places(schema.items as Schema, item, [...path, index])));
  else if (typeof value === 'object' && value !== null) {
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      const childSchema = schema.properties?.[name] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (childSchema) found.push(...places(childSchema, child, [...path, name]));
    }
  }
  return found;
}

function at(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) current = (current as Record<string | number, unknown> | undefined)?.[segment];
  return current;
}

function without(root: Record<string, unknown>, path: Path, field: string): Record<string, unknown> {
  const copy = structuredClone(root);
  delete (at(copy, path) as Record<string, unknown>)[field];
  return copy;
}

function withValue(root: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

function document(crd: CrdVersion, body: unknown): Record<string, unknown> {
  return { apiVersion: crd.apiVersion, kind: crd.kind, metadata: { name: 'sample' }, ...(body as Record<string, unknown>) };
}

async function findings(crd: CrdVersion, manifest: unknown): Promise<string[]> {
  const list = (await schemaFindingsFor(crd.apiVersion, crd.kind, manifest)) ?? [];
  return list.map((f) => `${f.rule} ${f.message}`);
}

/** Structural validation of a value against a CRD schema: unknown fields, missing required, enums, types. */
function crdProblems(schema: Schema, value: unknown, path: Path = []): string[] {
  const here = displayPath(path);
  if (value === null) return [];
  if (schema.enum && !schema.enum.includes(value)) return [`${here}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  if (schema['x-kubernetes-int-or-string']) return typeof value === 'number' || typeof value === 'string' ? [] : [`${here}: must be an integer or string`];
  const type = Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  if (schema.type && schema.type !== type && !(schema.type === 'number' && type === 'integer')) return [`${here}: must be ${schema.type}`];
  const problems: string[] = [];
  if (Array.isArray(value)) value.forEach((item, index) => schema.items && problems.push(...crdProblems(schema.items, item, [...path, index])));
  else if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) problems.push(`${here}: missing required "${name}"`);
    for (const [name, child] of Object.entries(object)) {
      const childSchema = schema.properties?.[name] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (path.length === 0 && name === 'metadata') continue; // ObjectMeta: validated by the API server, not the CRD
      if (childSchema) problems.push(...crdProblems(childSchema, child, [...path, name]));
      else if (!schema['x-kubernetes-preserve-unknown-fields'] && schema.additionalProperties !== true) problems.push(`${here}: unknown field "${name}"`);
    }
  }
  return problems;
}

const crds = available ? loadCrds() : [];
const checked: CrdVersion[] = [];
if (available) {
  for (const crd of crds) if ((await schemaFindingsFor(crd.apiVersion, crd.kind, {})) !== undefined) checked.push(crd);
}

describe.skipIf(!available)(`CRD conformance with ${available ? CRD_ROOT : '../shared/crds (absent: skipped, nothing to compare against)'}`, () => {
  it('finds the Dapr, Kong and Strimzi CRDs we have schemas for', () => {
    const names = checked.map((crd) => `${crd.apiVersion}|${crd.kind}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'dapr.io/v1alpha1|Component',
        'dapr.io/v1alpha1|Configuration',
        'dapr.io/v1alpha1|Resiliency',
        'dapr.io/v1alpha1|Subscription',
        'dapr.io/v2alpha1|Subscription',
        'configuration.konghq.com/v1|KongPlugin',
        'configuration.konghq.com/v1|KongClusterPlugin',
        'configuration.konghq.com/v1|KongConsumer',
        'kafka.strimzi.io/v1|Kafka',
        'kafka.strimzi.io/v1|KafkaTopic',
        'kafka.strimzi.io/v1|KafkaNodePool',
      ]),
    );
  });

  describe.each(checked.map((crd) => [`${crd.kind} ${crd.apiVersion} (${crd.file})`, crd] as const))('%s', (_, crd) => {
    const full = document(crd, example(crd.schema, crd.kind, '', true));
    const minimal = document(crd, example(crd.schema, crd.kind, '', false));
    for (const field of STRICTER_REQUIRED[crd.kind] ?? []) {
      if (!(field in minimal)) minimal[field] = example(crd.schema.properties?.[field] ?? {}, crd.kind, field, false, 1);
    }
    const gaps = KNOWN_GAPS[`${crd.apiVersion}|${crd.kind}`] ?? [];
    const handWritten = !crd.apiVersion.includes('strimzi.io');

    it('accepts the full and the minimal example', async () => {
      expect(await findings(crd, full)).toEqual(gaps);
      expect((await findings(crd, minimal)).filter((line) => !gaps.includes(line))).toEqual([]);
    });

    it('requires exactly what the CRD requires (no more, no less), and checks its enums', async () => {
      const disagreements: string[] = [];
      for (const place of places(crd.schema, full)) {
        if (underGap(gaps, place.path)) continue;
        const value = at(full, place.path);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const required = new Set([
            ...(place.schema.required ?? []),
            ...(place.schema.oneOf?.[0]?.required ?? []),
            ...(place.path.length === 0 ? (STRICTER_REQUIRED[crd.kind] ?? []) : []),
          ]);
          // Our own (zod) schemas only: the Strimzi models are generated from Strimzi's CRDs.
          for (const field of handWritten ? Object.keys(value) : []) {
            if (required.has(field) || (place.path.length === 0 && ['apiVersion', 'kind', 'metadata'].includes(field))) continue;
            const reported = (await findings(crd, without(full, place.path, field))).filter((line) => !gaps.includes(line));
            if (reported.length > 0) disagreements.push(`optional ${displayPath([...place.path, field])}: ${reported.join('; ')}`);
          }
          for (const field of place.schema.required ?? []) {
            if (place.path.length === 0 && SERVER_WRITTEN.has(field)) continue;
            const reported = (await findings(crd, without(full, place.path, field))).filter((line) => !gaps.includes(line));
            if (!reported.some((line) => line.startsWith('k8s-required') && line.includes(`"${field}"`))) {
              disagreements.push(`required ${displayPath([...place.path, field])}: ${reported.join('; ') || 'accepted'}`);
            }
          }
        }
        if (place.schema.enum && place.path.length > 0) {
          const reported = (await findings(crd, withValue(full, place.path, 'NotAnAllowedValue'))).filter((line) => !gaps.includes(line));
          if (!reported.some((line) => /^k8s-(enum|type|schema)/.test(line) && line.includes(displayPath(place.path)))) {
            disagreements.push(`enum ${displayPath(place.path)} ${JSON.stringify(place.schema.enum)}: ${reported.join('; ') || 'accepted'}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    });
  });

  it('our good fixtures of these kinds are valid against the upstream CRDs', () => {
    const byType = new Map(checked.map((crd) => [`${crd.apiVersion}|${crd.kind}`, crd]));
    const problems: string[] = [];
    let compared = 0;
    for (const path of fixtureFiles('kubernetes/good')) {
      for (const manifest of readFixture(path).split(/^---$/m).map((text) => parse(text) as unknown)) {
        if (typeof manifest !== 'object' || manifest === null) continue;
        const { apiVersion, kind } = manifest as { apiVersion?: string; kind?: string };
        const crd = byType.get(`${apiVersion}|${kind}`);
        if (!crd) continue;
        compared += 1;
        problems.push(...crdProblems(crd.schema, manifest).map((problem) => `${path}: ${problem}`));
      }
    }
    expect(compared).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});
