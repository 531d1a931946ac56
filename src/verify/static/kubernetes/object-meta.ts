/**
 * `metadata` of a hand-written custom resource schema (Dapr, Kong): the ObjectMeta fields a manifest may
 * set, strictly, so `labelz:` is caught here too.
 *
 *   objectMeta.parse({ name: 'statestore', namespace: 'default' })  // ok
 */
import { z } from 'zod';

const stringMap = z.record(z.string(), z.string());

export const objectMeta = z.strictObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  finalizers: z.array(z.string()).optional(),
  ownerReferences: z.array(z.record(z.string(), z.unknown())).optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().int().optional(),
  creationTimestamp: z.union([z.string(), z.null()]).optional(),
});

/** apiVersion/kind/metadata, shared by every custom resource. */
export function typeMeta(apiVersion: string, kind: string) {
  return {
    apiVersion: z.literal(apiVersion),
    kind: z.literal(kind),
    metadata: objectMeta,
  };
}

/** Strings in Kubernetes-style duration form: `5s`, `1m30s`, `100ms`, `2h`. */
export const duration = z.string().regex(/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/, 'must be a duration such as 5s, 1m30s or 100ms');
