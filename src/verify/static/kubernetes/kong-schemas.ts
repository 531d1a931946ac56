/**
 * Kong Ingress Controller custom resources (no kubernetes-models package exists for them), written from
 * the published CRD field lists (KIC 3.x): KongPlugin, KongClusterPlugin and KongConsumer in
 * `configuration.konghq.com/v1`. Like the real CRDs these keep their fields at the top level, not under
 * `spec`; a plugin's `config` is free-form (each plugin has its own schema).
 *
 *   KONG_SCHEMAS.get('configuration.konghq.com/v1|KongPlugin')  // → zod schema of a KongPlugin manifest
 */
import { z } from 'zod';
import { typeMeta } from './object-meta.ts';

const protocol = z.enum(['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls', 'tls_passthrough', 'udp', 'ws', 'wss']);

const secretValueFrom = z.strictObject({
  secretKeyRef: z.strictObject({ name: z.string(), key: z.string(), namespace: z.string().optional() }),
});

function plugin(kind: string) {
  return z.strictObject({
    ...typeMeta('configuration.konghq.com/v1', kind),
    plugin: z.string().regex(/^[a-z0-9-]+$/, 'must be a Kong plugin name such as rate-limiting'),
    config: z.record(z.string(), z.unknown()).optional(),
    configFrom: secretValueFrom.optional(),
    configPatches: z.array(z.strictObject({ path: z.string(), valueFrom: secretValueFrom })).optional(),
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
  spec: z.strictObject({ tags: z.array(z.string()).optional() }).optional(),
});

export const KONG_SCHEMAS = new Map<string, z.ZodType>([
  ['configuration.konghq.com/v1|KongPlugin', plugin('KongPlugin')],
  ['configuration.konghq.com/v1|KongClusterPlugin', plugin('KongClusterPlugin')],
  ['configuration.konghq.com/v1|KongConsumer', consumer],
]);
