/**
 * kind's own cluster configuration (`kind create cluster --config kind-config.yaml`), which looks like a
 * Kubernetes object but is read by the kind CLI, not by an API server: `kind.x-k8s.io/v1alpha4`, kind
 * `Cluster`. Written from kind's documented configuration fields (kind v0.2x–0.3x). It has no metadata;
 * unknown fields are errors, as kind rejects them too.
 *
 *   KIND_SCHEMAS.get('kind.x-k8s.io/v1alpha4|Cluster')  // → zod schema of a kind cluster config
 */
import { z } from 'zod';

const patches = z.array(z.string()).optional();
const jsonPatches = z
  .array(
    z.strictObject({
      group: z.string(),
      version: z.string(),
      kind: z.string(),
      patch: z.string(),
    }),
  )
  .optional();

const node = z.strictObject({
  role: z.enum(['control-plane', 'worker']),
  image: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  extraPortMappings: z
    .array(
      z.strictObject({
        containerPort: z.number().int().min(1).max(65535),
        hostPort: z.number().int().min(0).max(65535).optional(),
        listenAddress: z.string().optional(),
        protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
      }),
    )
    .optional(),
  extraMounts: z
    .array(
      z.strictObject({
        hostPath: z.string(),
        containerPath: z.string(),
        readOnly: z.boolean().optional(),
        selinuxRelabel: z.boolean().optional(),
        propagation: z.enum(['None', 'HostToContainer', 'Bidirectional']).optional(),
      }),
    )
    .optional(),
  kubeadmConfigPatches: patches,
  kubeadmConfigPatchesJSON6902: jsonPatches,
});

const cluster = z.strictObject({
  apiVersion: z.literal('kind.x-k8s.io/v1alpha4'),
  kind: z.literal('Cluster'),
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lower-case DNS label').optional(),
  nodes: z.array(node).min(1).optional(),
  networking: z
    .strictObject({
      ipFamily: z.enum(['ipv4', 'ipv6', 'dual']).optional(),
      apiServerAddress: z.string().optional(),
      apiServerPort: z.number().int().optional(),
      podSubnet: z.string().optional(),
      serviceSubnet: z.string().optional(),
      disableDefaultCNI: z.boolean().optional(),
      kubeProxyMode: z.enum(['iptables', 'ipvs', 'nftables', 'none']).optional(),
      dnsSearch: z.array(z.string()).optional(),
    })
    .optional(),
  featureGates: z.record(z.string(), z.boolean()).optional(),
  runtimeConfig: z.record(z.string(), z.string()).optional(),
  kubeadmConfigPatches: patches,
  kubeadmConfigPatchesJSON6902: jsonPatches,
  containerdConfigPatches: patches,
  containerdConfigPatchesJSON6902: z.array(z.string()).optional(),
});

export const KIND_SCHEMAS = new Map<string, z.ZodType>([['kind.x-k8s.io/v1alpha4|Cluster', cluster]]);
