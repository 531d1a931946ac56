/**
 * Kubernetes manifests (YAML or JSON, any style; see manifests.ts): every document is validated
 * strictly against its API schema, and each problem points at the YAML line/column of the offending key
 * or value.
 *
 *   await kubernetesChecker.check('snippets/53-k8s/deploy.yaml', text, context)
 *   // → { diagnostics: [{ line: 8, column: 3, rule: 'k8s-unknown-field',
 *   //       message: 'Unknown field "spec.replicaz" in Deployment', hint: 'Did you mean "replicas"?' }] }
 *
 * Core kinds and the Argo CD / KEDA / Prometheus Operator / Strimzi CRDs use the `kubernetes-models`
 * validators plus the unknown-field trace (see kubernetes/field-trace.ts); Dapr and Kong CRDs use our
 * own zod schemas. Helm templates are skipped here (the helm checker covers them).
 */
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { closest, didYouMean } from '../../core/suggest.ts';
import { removedApi, replacementHint } from './kubernetes/api-lifecycle.ts';
import { DAPR_SCHEMAS } from './kubernetes/dapr-schemas.ts';
import { traceFields } from './kubernetes/field-trace.ts';
import { KIND_SCHEMAS } from './kubernetes/kind-schemas.ts';
import { KONG_SCHEMAS } from './kubernetes/kong-schemas.ts';
import { gatewayApiFindings, gatewayApiKinds } from './kubernetes/gateway-api-schemas.ts';
import { apiVersionsServing, kindsOf, knownApiVersions, loadModel } from './kubernetes/model-registry.ts';
import { fromAjvErrors, type AjvError } from './kubernetes/schema-errors.ts';
import { displayPath, dropRequiredExplainedByTypos, validateWithZod, type SchemaFinding } from './schema-findings.ts';
import { isManifestFile } from './manifests.ts';
import type { StaticChecker } from './types.ts';
import { locateInYaml, parseYamlSource } from './yaml-source.ts';
import { z } from 'zod';

/** apiVersions serving `kind` on a current cluster (removed versions left out). */
function servingNow(kind: string): string[] {
  return apiVersionsServing(kind).filter((apiVersion) => removedApi(apiVersion, kind) === undefined);
}

const CUSTOM_SCHEMAS = new Map<string, z.ZodType>([...DAPR_SCHEMAS, ...KONG_SCHEMAS, ...KIND_SCHEMAS]);

/** Recognised, but no schema is bundled: reported as a warning, never silently passed as checked. */
const UNCHECKED = new Set([
  'kustomize.config.k8s.io/v1beta1|Kustomization',
  'kustomize.config.k8s.io/v1alpha1|Component',
  // Kyverno 1.19 and External Secrets v2.9 (chapter 61): no schema is bundled; --cluster local checks them
  // against the upstream CRDs in ../shared/crds.
  'policies.kyverno.io/v1|ValidatingPolicy',
  'policies.kyverno.io/v1|ImageValidatingPolicy',
  'external-secrets.io/v1|ExternalSecret',
  'external-secrets.io/v1|SecretStore',
]);

function customApiVersions(): string[] {
  return [...new Set([...CUSTOM_SCHEMAS.keys()].map((key) => key.split('|')[0] ?? '')), ...gatewayApiKinds().keys()];
}

function customKinds(apiVersion: string): string[] {
  const gateway = gatewayApiKinds().get(apiVersion);
  if (gateway) return gateway;
  return [...CUSTOM_SCHEMAS.keys()].filter((key) => key.startsWith(`${apiVersion}|`)).map((key) => key.split('|')[1] ?? '');
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

interface TypeProblem {
  rule: string;
  message: string;
  hint: string;
  field: 'apiVersion' | 'kind';
}

const BUNDLED = 'Bundled: the core Kubernetes API (v1.36) and the CRDs of Dapr, Kong, Strimzi, Prometheus Operator, Argo CD and KEDA; Gateway API v1.5.1 is read from ../shared/crds when that folder is there.';

/** Every (apiVersion, kind) with a schema, for "did you mean" across versions. */
function allKinds(): { apiVersion: string; kind: string }[] {
  const core = knownApiVersions().flatMap((apiVersion) => servedKinds(apiVersion).map((kind) => ({ apiVersion, kind })));
  const custom = [...CUSTOM_SCHEMAS.keys()].map((key) => ({ apiVersion: key.split('|')[0] ?? '', kind: key.split('|')[1] ?? '' }));
  const gateway = [...gatewayApiKinds()].flatMap(([apiVersion, kinds]) => kinds.map((kind) => ({ apiVersion, kind })));
  return [...core, ...custom, ...gateway];
}

function servedKinds(apiVersion: string): string[] {
  return kindsOf(apiVersion).filter((kind) => removedApi(apiVersion, kind) === undefined);
}

/** Why (apiVersion, kind) is not known, or undefined when it is. */
function checkTypeMeta(apiVersion: string, kind: string): TypeProblem | undefined {
  const all = [...knownApiVersions(), ...customApiVersions()];
  if (!all.includes(apiVersion)) {
    const group = groupOf(apiVersion);
    const sameGroup = all.filter((candidate) => groupOf(candidate) === group);
    const servingKind = [...servingNow(kind), ...customApiVersions().filter((v) => customKinds(v).includes(kind))];
    const suggestion = closest(apiVersion, all);
    const hint =
      servingKind.length > 0
        ? `${kind} is served by ${servingKind.join(', ')}.`
        : sameGroup.length > 0
          ? `Known versions of ${group || 'the core group'}: ${sameGroup.join(', ')}.`
          : suggestion
            ? `Did you mean "${suggestion}"?`
            : `No schema is bundled for the API group "${group}". ${BUNDLED}`;
    return { rule: 'k8s-unknown-api-version', field: 'apiVersion', message: `Unknown apiVersion "${apiVersion}"`, hint };
  }
  const kinds = customApiVersions().includes(apiVersion) ? customKinds(apiVersion) : kindsOf(apiVersion);
  const removed = removedApi(apiVersion, kind);
  if (removed) {
    return { rule: 'k8s-removed-api', field: 'apiVersion', message: `${kind} is no longer served by "${apiVersion}" (removed in ${removed.release})`, hint: replacementHint(removed) };
  }
  if (kinds.includes(kind)) return undefined;
  const elsewhere = servingNow(kind);
  const suggestion = didYouMean(kind, kinds);
  const everywhere = allKinds();
  const near = closest(kind, new Set(everywhere.map((entry) => entry.kind)));
  const nearVersions = everywhere.filter((entry) => entry.kind === near).map((entry) => entry.apiVersion);
  const listed = kinds.filter((k) => !k.endsWith('List') || kind.endsWith('List'));
  const hint =
    elsewhere.length > 0
      ? `${kind} is served by ${elsewhere.join(', ')}, not by ${apiVersion}.`
      : suggestion
        ? `${suggestion} Kinds of ${apiVersion}: ${listed.join(', ')}.`
        : near
          ? `Did you mean "${near}" (${nearVersions.join(', ')})?`
          : `Kinds of ${apiVersion}: ${listed.join(', ')}.`;
  return { rule: 'k8s-unknown-kind', field: 'kind', message: `Unknown kind "${kind}" for apiVersion "${apiVersion}"`, hint };
}

async function validateManifest(apiVersion: string, kind: string, manifest: unknown): Promise<SchemaFinding[]> {
  const custom = CUSTOM_SCHEMAS.get(`${apiVersion}|${kind}`);
  if (custom) return validateWithZod(custom, manifest, 'k8s');
  const gateway = gatewayApiFindings(apiVersion, kind, manifest);
  if (gateway) return gateway;
  const model = await loadModel(apiVersion, kind);
  if (!model) return [];
  const tracer = traceFields(manifest);
  const findings: SchemaFinding[] = [];
  try {
    model.prototype.validate.call(tracer.value);
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw error;
    findings.push(...fromAjvErrors(errors as AjvError[]));
  }
  for (const field of tracer.unknownFields()) {
    const suggestion = didYouMean(field.key, field.known);
    const meant = closest(field.key, field.known);
    findings.push({
      ...(meant === undefined ? {} : { suggestion: meant }),
      path: field.path,
      want: 'key',
      rule: 'k8s-unknown-field',
      message: `Unknown field "${displayPath(field.path)}"`,
      hint: suggestion || `Fields allowed here: ${field.known.join(', ')}.`,
    });
  }
  return dropRequiredExplainedByTypos(findings);
}

/**
 * The schema findings for one object, with paths relative to it; undefined when no schema is bundled for
 * (apiVersion, kind) (used by the CRD conformance test to compare our schemas with upstream CRDs).
 */
export async function schemaFindingsFor(apiVersion: string, kind: string, manifest: unknown): Promise<SchemaFinding[] | undefined> {
  if (!CUSTOM_SCHEMAS.has(`${apiVersion}|${kind}`) && !(await loadModel(apiVersion, kind))) return undefined;
  return validateManifest(apiVersion, kind, manifest);
}

const QUANTITY_HINT = 'Use a Kubernetes quantity such as 250m or 1 (CPU), 256Mi or 1Gi (memory).';

const DEFAULT_HINTS: Record<string, string> = {
  'k8s-type': 'Change the value to the type the API expects (quote a number that is meant as a string).',
  'k8s-enum': 'Use one of the allowed values (they are case-sensitive).',
  'k8s-format': 'Use the expected format, e.g. a quantity such as 500m, 256Mi or 1Gi.',
  'k8s-schema': 'Compare the value with the API reference for this kind.',
  'k8s-unknown-field': 'Remove the field or fix its name.',
};

/** `kind: List` (what `kubectl get -o yaml` prints): an envelope whose items are manifests of their own. */
const LIST = z.strictObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('List'),
  metadata: z
    .strictObject({ resourceVersion: z.string().optional(), continue: z.string().optional(), selfLink: z.string().optional(), remainingItemCount: z.number().int().optional() })
    .optional(),
  items: z.array(z.unknown()),
});

type Locate = (segments: (string | number)[], want?: 'key' | 'value') => { line: number; column: number };

/** Diagnostics of one object (a document, or an item of a List), `base` being its path in the document. */
async function checkObject(path: string, manifest: unknown, base: (string | number)[], labels: string[], locate: Locate): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const where = labels.length > 0 ? ` (${labels.join(', ')})` : '';
  const noun = base.length > 0 ? 'Item' : 'Document';
  const at = (segments: (string | number)[], want: 'key' | 'value' = 'key') => locate([...base, ...segments], want);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    diagnostics.push(
      diagnostic({ file: path, ...at([]), rule: 'k8s-type-meta', message: `${noun}${where} is not a Kubernetes object`, hint: 'Each YAML document of a manifest file must be a mapping with apiVersion and kind.' }),
    );
    return diagnostics;
  }
  const { apiVersion, kind } = manifest as Record<string, unknown>;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const missing = typeof apiVersion !== 'string' ? 'apiVersion' : 'kind';
    diagnostics.push(
      diagnostic({ file: path, ...at([]), rule: 'k8s-type-meta', message: `${noun}${where} has no string "${missing}"`, hint: 'Every manifest needs apiVersion and kind, e.g. apiVersion: apps/v1 and kind: Deployment.' }),
    );
    return diagnostics;
  }
  if (UNCHECKED.has(`${apiVersion}|${kind}`)) {
    diagnostics.push(
      diagnostic({ file: path, ...at(['kind'], 'value'), severity: 'warning', rule: 'k8s-unchecked-kind', message: `${kind} (${apiVersion}) is not schema-checked`, hint: 'No schema for this kind is bundled; only YAML syntax was checked.' }),
    );
    return diagnostics;
  }
  const report = (finding: SchemaFinding, what: string) =>
    diagnostic({
      file: path,
      ...at(finding.path, finding.want),
      rule: finding.rule,
      message: `${finding.message} in ${what}${where}`,
      hint: finding.hint ?? (finding.message.includes('"quantity"') ? QUANTITY_HINT : DEFAULT_HINTS[finding.rule]),
    });
  if (apiVersion === 'v1' && kind === 'List') {
    for (const finding of validateWithZod(LIST, manifest, 'k8s')) diagnostics.push(report(finding, 'List'));
    const items = (manifest as { items?: unknown }).items;
    if (Array.isArray(items)) {
      for (const [index, item] of items.entries()) diagnostics.push(...(await checkObject(path, item, [...base, 'items', index], [...labels, `items[${index}]`], locate)));
    }
    return diagnostics;
  }
  const problem = checkTypeMeta(apiVersion, kind);
  if (problem) {
    diagnostics.push(diagnostic({ file: path, ...at([problem.field], 'value'), rule: problem.rule, message: `${problem.message}${where}`, hint: problem.hint }));
    return diagnostics;
  }
  for (const finding of await validateManifest(apiVersion, kind, manifest)) diagnostics.push(report(finding, kind));
  return diagnostics;
}

export const kubernetesChecker: StaticChecker = {
  name: 'kubernetes',
  applies: isManifestFile,
  async check(path, content) {
    const source = parseYamlSource(content);
    // Syntax errors are the yaml/json checker's to report; a broken file cannot be validated, which is
    // a skip, never a pass.
    if (source.errors.length > 0) return { diagnostics: [], skipReason: 'the file does not parse (see the yaml or json check), so it was not schema-checked' };
    const diagnostics: Diagnostic[] = [];
    for (const [index, document] of source.documents.entries()) {
      const manifest = document.toJS() as unknown;
      if (manifest === null || manifest === undefined) continue;
      const labels = source.documents.length > 1 ? [`document ${index + 1}`] : [];
      const locate: Locate = (segments, want = 'key') => locateInYaml(source, document, segments, want);
      diagnostics.push(...(await checkObject(path, manifest, [], labels, locate)));
    }
    return { diagnostics };
  },
};
