/**
 * Defects found by the validator accuracy review (shared/reviews/validator-accuracy.md, 2026-12-01),
 * one fixture each. The "good" fixtures are also picked up by kubernetes.test.ts ("accepts ...").
 */
import { describe, expect, it } from 'vitest';
import { checkFileStatically, staticCheckersFor } from '../../src/verify/static/index.ts';
import { outcomes, ROOT } from './support.ts';

/** `line:col rule message` of the kubernetes checker's diagnostics. */
async function kubernetesFindings(fixture: string): Promise<string[]> {
  const list = await outcomes(fixture);
  const kubernetes = list.find((o) => o.checker === 'kubernetes');
  if (!kubernetes) throw new Error(`the kubernetes checker did not run on ${fixture}`);
  return kubernetes.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
}

describe('fields the compiled validators never read (description, x-kubernetes-*)', () => {
  it.each(['priorityclass.yaml', 'argocd-appproject.yaml', 'crd-with-descriptions.yaml'])('accepts %s', async (name) => {
    expect(await kubernetesFindings(`kubernetes/good/${name}`)).toEqual([]);
  });

  it('still reports typos of them in a CRD schema', async () => {
    expect(await kubernetesFindings('kubernetes/bad/crd-typos.yaml')).toEqual([
      '18:11 k8s-unknown-field Unknown field "spec.versions[0].schema.openAPIV3Schema.descripton" in CustomResourceDefinition',
      '22:15 k8s-unknown-field Unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.x-kubernetes-preserve-unknown-field" in CustomResourceDefinition',
    ]);
  });

  it('still reports description where the kind does not declare it', async () => {
    expect(await kubernetesFindings('kubernetes/bad/deployment-description.yaml')).toEqual(['5:1 k8s-unknown-field Unknown field "description" in Deployment']);
  });
});

describe('YAML merge keys', () => {
  it('are resolved as kubectl does (go-yaml)', async () => {
    expect(await kubernetesFindings('kubernetes/good/merge-keys.yaml')).toEqual([]);
  });
});

describe('kind: List', () => {
  it('accepts a List of valid objects', async () => {
    expect(await kubernetesFindings('kubernetes/good/list.yaml')).toEqual([]);
  });

  it('checks every item as a manifest of its own', async () => {
    expect(await kubernetesFindings('kubernetes/bad/list.yaml')).toEqual([
      '10:5 k8s-unknown-field Unknown field "dat" in ConfigMap (items[0])',
      '19:11 k8s-unknown-field Unknown field "spec.ports[0].protocl" in Service (items[1])',
      '21:11 k8s-unknown-kind Unknown kind "Deploymnt" for apiVersion "apps/v1" (items[2])',
    ]);
  });

  it('reports a List without items (the typo explains the missing field)', async () => {
    expect(await kubernetesFindings('kubernetes/bad/list-shape.yaml')).toEqual(['3:1 k8s-unknown-field Unknown field "itemz" in List']);
  });
});

describe('manifests are recognised by parsing, not by a column-0 regex', () => {
  it.each([
    ['snippets/x/pod.yaml', '{ apiVersion: v1, kind: Pod, metadata: { name: a } }\n'],
    ['snippets/x/pod.yml', '---\n# flow style, as the current Kubernetes docs examples\n{ "apiVersion": "v1", "kind": "Pod" }\n'],
    ['snippets/x/pod.json', '{ "apiVersion": "v1", "kind": "Pod" }'],
    ['snippets/x/list.yaml', 'items: []\napiVersion: v1\nkind: List\n'],
    ['snippets/x/indented.yaml', '  apiVersion: v1\n  kind: ConfigMap\n'],
  ])('%s is a manifest', (path, content) => {
    expect(staticCheckersFor(path, content)).toContain('kubernetes');
  });

  it.each([
    ['snippets/x/package.json', '{ "name": "x", "version": "1.0.0" }'],
    ['snippets/58-helm/chart/Chart.yaml', 'apiVersion: v2\nname: lumen\nversion: 0.1.0\n'],
    ['snippets/x/values.yaml', 'image: { repository: lumen, tag: "1.4.2" }\nkind: web\n'],
    ['snippets/x/notes.md', 'apiVersion: v1\nkind: Pod\n'],
  ])('%s is not a manifest', (path, content) => {
    expect(staticCheckersFor(path, content)).not.toContain('kubernetes');
  });

  it('reports a manifest that does not parse as skipped, never as passed', async () => {
    const list = await checkFileStatically('snippets/x/broken.json', '{ "apiVersion": "v1", "kind": ', { root: ROOT, requirements: new Set() });
    expect(list.map((o) => `${o.checker}:${o.status}`)).toEqual(['kubernetes:skipped', 'json:failed', 'secrets:passed']);
    expect(list[0]?.skipReason).toMatch(/does not parse/);
  });

  it('accepts a valid flow-style Pod and a JSON ConfigMap', async () => {
    expect(await kubernetesFindings('kubernetes/good/flow-style-pod.yaml')).toEqual([]);
    expect(await kubernetesFindings('kubernetes/good/configmap.json')).toEqual([]);
  });

  it('checks a flow-style Pod', async () => {
    expect(await kubernetesFindings('kubernetes/bad/flow-style-pod.yaml')).toEqual([
      '5:5 k8s-unknown-field Unknown field "spec.containers[0].imagePullPolicyy" in Pod',
      '5:65 k8s-type "spec.containers[0].ports[0].containerPort" must be integer in Pod',
    ]);
  });

  it('checks a .json manifest', async () => {
    expect(await kubernetesFindings('kubernetes/bad/service.json')).toEqual(['7:49 k8s-unknown-field Unknown field "spec.ports[0].protocl" in Service']);
  });

  it('reports kinds and groups it has no schema for as errors, with a hint', async () => {
    const list = await outcomes('kubernetes/bad/unbundled-types.yaml');
    const kubernetes = list.find((o) => o.checker === 'kubernetes');
    expect(kubernetes?.status).toBe('failed');
    expect(kubernetes?.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} | ${d.hint ?? ''}`)).toEqual([
      '1:13 error Unknown apiVersion "gateway.networking.x-k8s.io/v1alpha1" (document 1) | No schema is bundled for the API group "gateway.networking.x-k8s.io". Bundled: the core Kubernetes API (v1.36) and the CRDs of Dapr, Kong, Strimzi, Prometheus Operator, Argo CD and KEDA; Gateway API v1.5.1 is read from ../shared/crds when that folder is there.',
      '6:13 error Unknown apiVersion "networking.k8s.oi/v1" (document 2) | Ingress is served by networking.k8s.io/v1.',
      '12:7 error Unknown kind "Deploymnt" for apiVersion "v1" (document 3) | Did you mean "Deployment" (apps/v1)?',
      '16:13 error Unknown apiVersion "stable.example.com/v1" (document 4) | No schema is bundled for the API group "stable.example.com". Bundled: the core Kubernetes API (v1.36) and the CRDs of Dapr, Kong, Strimzi, Prometheus Operator, Argo CD and KEDA; Gateway API v1.5.1 is read from ../shared/crds when that folder is there.',
    ]);
  });
});

describe('Dapr schemas follow the v1.18 CRDs', () => {
  it.each(['dapr-resiliency-defaults.yaml', 'dapr-configuration-workflow.yaml'])('accepts %s', async (name) => {
    expect(await kubernetesFindings(`kubernetes/good/${name}`)).toEqual([]);
  });

  it('requires Component spec.metadata (the CRD does)', async () => {
    expect(await kubernetesFindings('kubernetes/bad/dapr-component-no-metadata.yaml')).toEqual(['5:1 k8s-required Missing required field "metadata" in "spec" in Component']);
  });

  it('requires the Configuration fields the CRD requires', async () => {
    expect(await kubernetesFindings('kubernetes/bad/dapr-configuration-required.yaml')).toEqual([
      '6:3 k8s-required Missing required field "samplingRate" in "spec.tracing" in Configuration',
      '7:5 k8s-required Missing required field "isSecure" in "spec.tracing.otel" in Configuration',
      '7:5 k8s-required Missing required field "protocol" in "spec.tracing.otel" in Configuration',
      '9:3 k8s-required Missing required field "sentryAddress" in "spec.mtls" in Configuration',
      '9:3 k8s-required Missing required field "controlPlaneTrustDomain" in "spec.mtls" in Configuration',
      '11:3 k8s-required Missing required field "enabled" in "spec.metric" in Configuration',
    ]);
  });
});
