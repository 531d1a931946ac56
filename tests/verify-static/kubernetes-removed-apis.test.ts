/**
 * API versions a v1.36 API server no longer serves. The review (shared/reviews/validator-accuracy.md,
 * section 2.2) found 26 such pairs that kubernetes-models still bundles and that passed silently.
 */
import { describe, expect, it } from 'vitest';
import { checkFileStatically } from '../../src/verify/static/index.ts';
import { REMOVED_APIS, removedApi } from '../../src/verify/static/kubernetes/api-lifecycle.ts';
import { kindsOf, knownApiVersions } from '../../src/verify/static/kubernetes/model-registry.ts';
import { ROOT } from './support.ts';

/** The pairs the review lists as passing silently (apiVersion, kind). */
const REVIEW_PAIRS: [string, string][] = [
  ['policy/v1beta1', 'PodSecurityPolicy'],
  ['extensions/v1beta1', 'PodSecurityPolicy'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'PriorityLevelConfiguration'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration'],
  ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration'],
  ['apiregistration.k8s.io/v1beta1', 'APIService'],
  ['authentication.k8s.io/v1beta1', 'TokenReview'],
  ['authorization.k8s.io/v1beta1', 'LocalSubjectAccessReview'],
  ['authorization.k8s.io/v1beta1', 'SelfSubjectAccessReview'],
  ['authorization.k8s.io/v1beta1', 'SelfSubjectRulesReview'],
  ['authorization.k8s.io/v1beta1', 'SubjectAccessReview'],
  ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest'],
  ['coordination.k8s.io/v1beta1', 'Lease'],
  ['events.k8s.io/v1beta1', 'Event'],
  ['node.k8s.io/v1beta1', 'RuntimeClass'],
  ['storage.k8s.io/v1beta1', 'CSIDriver'],
  ['storage.k8s.io/v1beta1', 'CSINode'],
  ['storage.k8s.io/v1beta1', 'CSIStorageCapacity'],
  ['storage.k8s.io/v1beta1', 'VolumeAttachment'],
  ['apps/v1beta1', 'ControllerRevision'],
  ['apps/v1beta2', 'ControllerRevision'],
];

async function kubernetesOn(apiVersion: string, kind: string) {
  const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;
  const list = await checkFileStatically('snippets/x/removed.yaml', text, { root: ROOT, requirements: new Set() });
  return list.find((o) => o.checker === 'kubernetes');
}

describe('removed API versions (Kubernetes v1.36)', () => {
  it('the review lists 26 pairs', () => {
    expect(new Set(REVIEW_PAIRS.map(([v, k]) => `${v}|${k}`)).size).toBe(26);
  });

  it.each(REVIEW_PAIRS)('%s %s is an error that names what to use instead', async (apiVersion, kind) => {
    const outcome = await kubernetesOn(apiVersion, kind);
    expect(outcome?.status).toBe('failed');
    const [finding] = outcome?.diagnostics ?? [];
    expect(finding).toMatchObject({ line: 1, column: 13, severity: 'error', rule: 'k8s-removed-api' });
    expect(finding?.message).toMatch(new RegExp(`^${kind} is no longer served by "${apiVersion.replace(/\./g, '\\.')}" \\(removed in Kubernetes v1\\.\\d+\\)$`));
    const replacement = removedApi(apiVersion, kind)?.replacement;
    expect(finding?.hint).toContain(replacement?.startsWith('Pod Security Admission') ? 'Pod Security Admission' : `apiVersion: ${replacement}`);
  });

  it('names the replacement API, e.g. FlowSchema v1beta3 → v1', async () => {
    const outcome = await kubernetesOn('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema');
    expect(outcome?.diagnostics.map((d) => `${d.message} | ${d.hint ?? ''}`)).toEqual([
      'FlowSchema is no longer served by "flowcontrol.apiserver.k8s.io/v1beta3" (removed in Kubernetes v1.32) | Use apiVersion: flowcontrol.apiserver.k8s.io/v1.',
    ]);
  });

  it('every removed pair is one the models bundle, and every replacement is served', () => {
    for (const entry of REMOVED_APIS) {
      expect(kindsOf(entry.apiVersion), `${entry.apiVersion} ${entry.kind}`).toContain(entry.kind);
      if (!entry.replacement.includes(' ')) {
        expect(kindsOf(entry.replacement), `${entry.kind} in ${entry.replacement}`).toContain(entry.kind);
        expect(removedApi(entry.replacement, entry.kind)).toBeUndefined();
      }
    }
  });

  it('every pre-release core API version the models bundle is classified (a dependency bump must decide)', () => {
    const core = knownApiVersions().filter((v) => !v.includes('/') || /\.k8s\.io\/|^[a-z]+\//.test(v));
    const unclassified = core
      .filter((v) => /(alpha|beta)\d+$/.test(v) && !/(argoproj|keda|coreos|strimzi)/.test(v))
      .flatMap((v) => kindsOf(v).filter((k) => !k.endsWith('List')).map((k) => `${v}|${k}`))
      .filter((key) => {
        const [v = '', k = ''] = key.split('|');
        return removedApi(v, k) === undefined;
      });
    expect(unclassified).toEqual([]);
  });

  it('still accepts the served versions', async () => {
    expect((await kubernetesOn('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema'))?.diagnostics.map((d) => d.rule)).not.toContain('k8s-removed-api');
    expect((await kubernetesOn('storage.k8s.io/v1', 'CSIDriver'))?.diagnostics.map((d) => d.rule)).not.toContain('k8s-removed-api');
  });
});

describe('operator API versions the pinned operator no longer serves', () => {
  // Strimzi 1.x (src/verify/cluster/pins.yaml) serves only kafka.strimzi.io/v1 and core.strimzi.io/v1:
  // the upstream CRDs in ../shared/crds/strimzi list no other version. kubernetes-models still bundles the
  // old ones, so without this a v1beta2 Kafka from the web passed the static tier.
  it.each([
    ['kafka.strimzi.io/v1beta2', 'Kafka', 'kafka.strimzi.io/v1'],
    ['kafka.strimzi.io/v1beta2', 'KafkaTopic', 'kafka.strimzi.io/v1'],
    ['kafka.strimzi.io/v1beta1', 'KafkaUser', 'kafka.strimzi.io/v1'],
    ['core.strimzi.io/v1beta2', 'StrimziPodSet', 'core.strimzi.io/v1'],
  ])('%s %s is an error that names Strimzi 1.0 and %s', async (apiVersion, kind, replacement) => {
    const outcome = await kubernetesOn(apiVersion, kind);
    expect(outcome?.status).toBe('failed');
    expect(outcome?.diagnostics.map((d) => `${d.rule} | ${d.message} | ${d.hint ?? ''}`)).toEqual([
      `k8s-removed-api | ${kind} is no longer served by "${apiVersion}" (removed in Strimzi 1.0) | Use apiVersion: ${replacement}.`,
    ]);
  });

  it('still accepts kafka.strimzi.io/v1', async () => {
    expect((await kubernetesOn('kafka.strimzi.io/v1', 'KafkaTopic'))?.diagnostics.map((d) => d.rule)).not.toContain('k8s-removed-api');
  });
});
