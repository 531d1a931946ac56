/**
 * Kong Ingress Controller custom resources (no kubernetes-models package exists for them), written from
 * the published CRD field lists (KIC 3.5, Kong/kubernetes-configuration v1.5; compared with those CRDs by
 * tests/verify-static/crd-conformance.test.ts): KongPlugin, KongClusterPlugin and KongConsumer in
 * `configuration.konghq.com/v1`. Like the real CRDs these keep their fields at the top level, not under
 * `spec`; a plugin's `config` is free-form (each plugin has its own schema).
 *
 *   KONG_SCHEMAS.get('configuration.konghq.com/v1|KongPlugin')  // → zod schema of a KongPlugin manifest
 */
import { z } from 'zod';
import { typeMeta } from './object-meta.ts';

const protocol = z.enum(['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls', 'udp']);

/** A KongPlugin reads Secrets of its own namespace; a KongClusterPlugin must name the namespace. */
function secretValueFrom(kind: string) {
  const namespace = kind === 'KongClusterPlugin' ? { namespace: z.string() } : {};
  return z.strictObject({ secretKeyRef: z.strictObject({ name: z.string(), key: z.string(), ...namespace }) });
}

function plugin(kind: string) {
  return z.strictObject({
    ...typeMeta('configuration.konghq.com/v1', kind),
    plugin: z.string().regex(/^[a-z0-9-]+$/, 'must be a Kong plugin name such as rate-limiting'),
    config: z.record(z.string(), z.unknown()).optional(),
    configFrom: secretValueFrom(kind).optional(),
    configPatches: z.array(z.strictObject({ path: z.string(), valueFrom: secretValueFrom(kind) })).optional(),
    run_on: z.enum(['first', 'second', 'all']).optional(),
    disabled: z.boolean().optional(),
    protocols: z.array(protocol).optional(),
    consumerRef: z.string().optional(),
    instance_name: z.string().optional(),
    ordering: z
      .strictObject({
        before: z.record(z.string(), z.array(z.string())).optional(),
        after: z.record(z.string(), z.array(z.string())).optional(),
      })
      .optional(),
  });
}

const consumer = z.strictObject({
  ...typeMeta('configuration.konghq.com/v1', 'KongConsumer'),
  username: z.string().optional(),
  custom_id: z.string().optional(),
  credentials: z.array(z.string()).optional(),
  consumerGroups: z.array(z.string()).optional(),
  spec: z
    .strictObject({
      tags: z.array(z.string()).optional(),
      controlPlaneRef: z
        .strictObject({
          type: z.enum(['konnectID', 'konnectNamespacedRef', 'kic']).optional(),
          konnectID: z.string().optional(),
          konnectNamespacedRef: z.strictObject({ name: z.string(), namespace: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

export const KONG_SCHEMAS = new Map<string, z.ZodType>([
  ['configuration.konghq.com/v1|KongPlugin', plugin('KongPlugin')],
  ['configuration.konghq.com/v1|KongClusterPlugin', plugin('KongClusterPlugin')],
  ['configuration.konghq.com/v1|KongConsumer', consumer],
]);
