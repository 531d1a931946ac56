/**
 * Gateway API resources (`gateway.networking.k8s.io`), checked against the structural schemas of the
 * reference CRDs, Gateway API v1.5.1 standard channel, in `../shared/crds` (or `$BOOK_SHARED_DIR/crds`):
 * read from there at check time, never copied into the repository. No kubernetes-models package covers
 * v1.5, and these CRDs are exact where a hand-written schema would drift.
 *
 *   gatewayApiKinds()                                      // → Map { 'gateway.networking.k8s.io/v1' => ['GRPCRoute', …] }
 *   gatewayApiFindings('gateway.networking.k8s.io/v1', 'HTTPRoute', manifest)   // → SchemaFinding[]
 *
 * Objects become closed (additionalProperties: false) wherever the CRD lists properties and does not
 * preserve unknown fields, so a misspelt field is reported, as the API server's strict field validation
 * would. CEL rules (x-kubernetes-validations) are not evaluated here: the cluster tier runs them.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findCrdReference, indexCrds } from '../../../cluster/crds.ts';
import type { SchemaFinding } from '../schema-findings.ts';
import { fromAjvErrors, type AjvError } from './schema-errors.ts';

const SET = 'gateway-api/v1.5.1/standard';
type Schema = Record<string, unknown>;

function closed(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, sub]) => [name, closed(sub)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      out[key] = closed(value as Schema);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((sub: Schema) => closed(sub));
    } else {
      out[key] = value;
    }
  }
  if (out['properties'] !== undefined && out['additionalProperties'] === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    out['additionalProperties'] = false;
  }
  return out;
}

interface Loaded {
  kinds: Map<string, string[]>;
  validators: Map<string, ValidateFunction>;
}
let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  loaded = { kinds: new Map(), validators: new Map() };
  const reference = findCrdReference(process.cwd());
  if (!reference.ready) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  for (const crd of indexCrds(reference.dir, [SET])) {
    const document = parse(readFileSync(crd.file, 'utf8')) as { spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema?: { openAPIV3Schema: Schema } }[] } };
    for (const version of document.spec.versions) {
      if (!version.served || !version.schema) continue;
      const apiVersion = `${document.spec.group}/${version.name}`;
      const schema = closed(version.schema.openAPIV3Schema);
      const properties = schema['properties'] as Record<string, Schema>;
      properties['apiVersion'] = { const: apiVersion };
      properties['kind'] = { const: document.spec.names.kind };
      loaded.kinds.set(apiVersion, [...(loaded.kinds.get(apiVersion) ?? []), document.spec.names.kind].sort());
      loaded.validators.set(`${apiVersion}|${document.spec.names.kind}`, ajv.compile(schema));
    }
  }
  return loaded;
}

/** apiVersion → kinds, for every served version of the reference CRDs (empty when they are absent). */
export function gatewayApiKinds(): Map<string, string[]> {
  return load().kinds;
}

/** The schema findings for one object, or undefined when (apiVersion, kind) is not a Gateway API kind. */
export function gatewayApiFindings(apiVersion: string, kind: string, manifest: unknown): SchemaFinding[] | undefined {
  const validate = load().validators.get(`${apiVersion}|${kind}`);
  if (!validate) return undefined;
  const withoutStatus = manifest && typeof manifest === 'object' ? { ...(manifest as Record<string, unknown>) } : manifest;
  if (withoutStatus && typeof withoutStatus === 'object') delete (withoutStatus as Record<string, unknown>)['status'];
  if (validate(withoutStatus)) return [];
  return fromAjvErrors((validate.errors ?? []) as AjvError[]);
}
