/**
 * Which bundled Kubernetes API versions a v1.36 API server still serves.
 *
 * kubernetes-models (the core package) bundles every API version ever published, including ones that
 * were removed. The served set is therefore "what the models bundle, minus what Kubernetes removed",
 * and the removed pairs come from the Kubernetes Deprecated API Migration Guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/, sections v1.16 to v1.32; looked up
 * on 2026-12-01), plus the rest of a group/version that stopped being served as a whole in the same
 * release (apps/v1beta1 and v1beta2 in v1.16, policy/v1beta1 in v1.25). No removals are listed for
 * v1.33 to v1.36. A test checks that every pre-release core version the models bundle is classified here,
 * so a dependency bump that brings a new one has to decide.
 *
 *   removedApi('policy/v1beta1', 'PodDisruptionBudget')  // → { removedIn: '1.25', replacement: 'policy/v1', ... }
 *   removedApi('apps/v1', 'Deployment')                   // → undefined (served)
 */

export interface RemovedApi {
  apiVersion: string;
  kind: string;
  /** The Kubernetes minor release that stopped serving it ('1.25'), or the operator release ('Strimzi 1.0'). */
  removedIn: string;
  /** How a message names that release: 'Kubernetes v1.25', 'Strimzi 1.0'. */
  release: string;
  /** An apiVersion serving the same kind, or a sentence when there is no API to move to. */
  replacement: string;
}

const POD_SECURITY = 'Pod Security Admission (pod-security.kubernetes.io/* labels on the Namespace); PodSecurityPolicy has no replacement API';

/** release → apiVersion → kind → replacement */
const BY_RELEASE: Record<string, Record<string, Record<string, string>>> = {
  '1.16': {
    'extensions/v1beta1': {
      DaemonSet: 'apps/v1',
      Deployment: 'apps/v1',
      ReplicaSet: 'apps/v1',
      NetworkPolicy: 'networking.k8s.io/v1',
      PodSecurityPolicy: POD_SECURITY,
      DeploymentRollback: 'kubectl rollout undo (the rollback subresource is gone)',
      Scale: 'autoscaling/v1',
    },
    'apps/v1beta1': {
      ControllerRevision: 'apps/v1',
      Deployment: 'apps/v1',
      StatefulSet: 'apps/v1',
      DeploymentRollback: 'kubectl rollout undo (the rollback subresource is gone)',
      Scale: 'autoscaling/v1',
    },
    'apps/v1beta2': {
      ControllerRevision: 'apps/v1',
      DaemonSet: 'apps/v1',
      Deployment: 'apps/v1',
      ReplicaSet: 'apps/v1',
      StatefulSet: 'apps/v1',
      Scale: 'autoscaling/v1',
    },
  },
  '1.22': {
    'admissionregistration.k8s.io/v1beta1': { MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1', ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1' },
    'apiextensions.k8s.io/v1beta1': { CustomResourceDefinition: 'apiextensions.k8s.io/v1' },
    'apiregistration.k8s.io/v1beta1': { APIService: 'apiregistration.k8s.io/v1' },
    'authentication.k8s.io/v1beta1': { TokenReview: 'authentication.k8s.io/v1' },
    'authorization.k8s.io/v1beta1': {
      LocalSubjectAccessReview: 'authorization.k8s.io/v1',
      SelfSubjectAccessReview: 'authorization.k8s.io/v1',
      SelfSubjectRulesReview: 'authorization.k8s.io/v1',
      SubjectAccessReview: 'authorization.k8s.io/v1',
    },
    'certificates.k8s.io/v1beta1': { CertificateSigningRequest: 'certificates.k8s.io/v1' },
    'coordination.k8s.io/v1beta1': { Lease: 'coordination.k8s.io/v1' },
    'extensions/v1beta1': { Ingress: 'networking.k8s.io/v1' },
    'networking.k8s.io/v1beta1': { Ingress: 'networking.k8s.io/v1', IngressClass: 'networking.k8s.io/v1' },
    'rbac.authorization.k8s.io/v1beta1': {
      ClusterRole: 'rbac.authorization.k8s.io/v1',
      ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
      Role: 'rbac.authorization.k8s.io/v1',
      RoleBinding: 'rbac.authorization.k8s.io/v1',
    },
    'scheduling.k8s.io/v1beta1': { PriorityClass: 'scheduling.k8s.io/v1' },
    'storage.k8s.io/v1beta1': { CSIDriver: 'storage.k8s.io/v1', CSINode: 'storage.k8s.io/v1', StorageClass: 'storage.k8s.io/v1', VolumeAttachment: 'storage.k8s.io/v1' },
  },
  '1.25': {
    'batch/v1beta1': { CronJob: 'batch/v1' },
    'discovery.k8s.io/v1beta1': { EndpointSlice: 'discovery.k8s.io/v1' },
    'events.k8s.io/v1beta1': { Event: 'events.k8s.io/v1' },
    'autoscaling/v2beta1': { HorizontalPodAutoscaler: 'autoscaling/v2' },
    'policy/v1beta1': { PodDisruptionBudget: 'policy/v1', PodSecurityPolicy: POD_SECURITY, Eviction: 'policy/v1' },
    'node.k8s.io/v1beta1': { RuntimeClass: 'node.k8s.io/v1' },
  },
  '1.26': {
    'flowcontrol.apiserver.k8s.io/v1beta1': { FlowSchema: 'flowcontrol.apiserver.k8s.io/v1', PriorityLevelConfiguration: 'flowcontrol.apiserver.k8s.io/v1' },
    'autoscaling/v2beta2': { HorizontalPodAutoscaler: 'autoscaling/v2' },
  },
  '1.27': {
    'storage.k8s.io/v1beta1': { CSIStorageCapacity: 'storage.k8s.io/v1' },
  },
  '1.29': {
    'flowcontrol.apiserver.k8s.io/v1beta2': { FlowSchema: 'flowcontrol.apiserver.k8s.io/v1', PriorityLevelConfiguration: 'flowcontrol.apiserver.k8s.io/v1' },
  },
  '1.32': {
    'flowcontrol.apiserver.k8s.io/v1beta3': { FlowSchema: 'flowcontrol.apiserver.k8s.io/v1', PriorityLevelConfiguration: 'flowcontrol.apiserver.k8s.io/v1' },
  },
};

export const REMOVED_APIS: readonly RemovedApi[] = Object.entries(BY_RELEASE).flatMap(([removedIn, versions]) =>
  Object.entries(versions).flatMap(([apiVersion, kinds]) => Object.entries(kinds).map(([kind, replacement]) => ({ apiVersion, kind, removedIn, release: `Kubernetes v${removedIn}`, replacement }))),
);

const BY_KEY = new Map(REMOVED_APIS.map((entry) => [`${entry.apiVersion}|${entry.kind}`, entry]));

/**
 * Whole API versions of an operator that the book's pinned release (src/verify/cluster/pins.yaml) no longer
 * serves, although kubernetes-models still bundles them. Strimzi 1.0 removed everything but v1: the upstream
 * CRDs of Strimzi 1.2.0 (../shared/crds/strimzi) serve `kafka.strimzi.io/v1` and `core.strimzi.io/v1` only.
 */
const OPERATOR_VERSIONS: Record<string, { release: string; replacement: string }> = {
  'kafka.strimzi.io/v1beta2': { release: 'Strimzi 1.0', replacement: 'kafka.strimzi.io/v1' },
  'kafka.strimzi.io/v1beta1': { release: 'Strimzi 1.0', replacement: 'kafka.strimzi.io/v1' },
  'kafka.strimzi.io/v1alpha1': { release: 'Strimzi 1.0', replacement: 'kafka.strimzi.io/v1' },
  'core.strimzi.io/v1beta2': { release: 'Strimzi 1.0', replacement: 'core.strimzi.io/v1' },
};

export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  const core = BY_KEY.get(`${apiVersion}|${kind}`);
  if (core) return core;
  const operator = OPERATOR_VERSIONS[apiVersion];
  return operator ? { apiVersion, kind, removedIn: operator.release, release: operator.release, replacement: operator.replacement } : undefined;
}

/** "Use apiVersion: apps/v1." or the sentence for APIs without a successor. */
export function replacementHint(entry: RemovedApi): string {
  return /^[a-z0-9.-]*\/?v\d+\S*$/.test(entry.replacement) ? `Use apiVersion: ${entry.replacement}.` : `Use ${entry.replacement}.`;
}
