/**
 * Defects found by the validator accuracy review (shared/reviews/validator-accuracy.md, 2026-12-01),
 * one fixture each. The "good" fixtures are also picked up by kubernetes.test.ts ("accepts ...").
 */
import { describe, expect, it } from 'vitest';
import { outcomes } from './support.ts';

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
