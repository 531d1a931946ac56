/**
 * Dapr custom resources (no kubernetes-models package exists for them), written from the published CRD
 * and docs field lists (Dapr 1.18): Component, Configuration, Subscription (v1alpha1 and v2alpha1)
 * and Resiliency in `dapr.io`. Fields are strict; free-form places (name-resolution configuration, token
 * validator options) accept anything. Required fields are the CRD's (tests/verify-static/
 * crd-conformance.test.ts compares both); a few enums are stricter than the CRD, where the Dapr runtime
 * accepts only those values (retry policy, protocols, access-control actions).
 *
 *   DAPR_SCHEMAS.get('dapr.io/v1alpha1|Component')  // → zod schema of a Component manifest
 */
import { z } from 'zod';
import { duration, typeMeta } from './object-meta.ts';

const secretKeyRef = z.strictObject({ name: z.string(), key: z.string().optional() });

const metadataItem = z.strictObject({
  name: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  secretKeyRef: secretKeyRef.optional(),
  envRef: z.string().optional(),
});

const scopes = z.array(z.string()).optional();

const component = z.strictObject({
  ...typeMeta('dapr.io/v1alpha1', 'Component'),
  spec: z.strictObject({
    type: z.string().regex(/^[a-z0-9]+(?:\.[a-z0-9.-]+)+$/, 'must be a component type such as state.redis or pubsub.kafka'),
    version: z.string().regex(/^v\d+(?:alpha\d+|beta\d+)?$/, 'must be a component version such as v1'),
    metadata: z.array(metadataItem),
    initTimeout: duration.optional(),
    ignoreErrors: z.boolean().optional(),
  }),
  auth: z.strictObject({ secretStore: z.string() }).optional(),
  scopes,
});

const handler = z.strictObject({
  name: z.string(),
  type: z.string(),
  selector: z.strictObject({ fields: z.array(z.strictObject({ field: z.string(), value: z.string() })) }).optional(),
});
const pipeline = z.strictObject({ handlers: z.array(handler) });
const apiRule = z.strictObject({ name: z.string(), version: z.string(), protocol: z.enum(['http', 'grpc']).optional() });
const metricSpec = z.strictObject({
  enabled: z.boolean(),
  recordErrorCodes: z.boolean().optional(),
  latencyDistributionBuckets: z.array(z.number().int()).optional(),
  rules: z.array(z.strictObject({ name: z.string(), labels: z.array(z.strictObject({ name: z.string(), regex: z.record(z.string(), z.string()) })) })).optional(),
  http: z
    .strictObject({
      increasedCardinality: z.boolean().optional(),
      pathMatching: z.array(z.string()).optional(),
      excludeVerbs: z.boolean().optional(),
    })
    .optional(),
});

const concurrencyLimits = z.array(z.strictObject({ name: z.string().optional(), maxConcurrent: z.number().int().optional() })).optional();

const configuration = z.strictObject({
  ...typeMeta('dapr.io/v1alpha1', 'Configuration'),
  spec: z.strictObject({
    tracing: z
      .strictObject({
        samplingRate: z.string(),
        stdout: z.boolean().optional(),
        zipkin: z.strictObject({ endpointAddress: z.string() }).optional(),
        otel: z
          .strictObject({
            endpointAddress: z.string(),
            isSecure: z.boolean(),
            protocol: z.enum(['http', 'grpc']),
            headers: z.array(metadataItem).optional(),
            timeout: duration.optional(),
          })
          .optional(),
      })
      .optional(),
    metric: metricSpec.optional(),
    metrics: metricSpec.optional(),
    mtls: z
      .strictObject({
        enabled: z.boolean(),
        workloadCertTTL: duration.optional(),
        allowedClockSkew: duration.optional(),
        sentryAddress: z.string(),
        controlPlaneTrustDomain: z.string(),
        tokenValidators: z.array(z.strictObject({ name: z.enum(['jwks']), options: z.record(z.string(), z.unknown()).optional() })).optional(),
      })
      .optional(),
    accessControl: z
      .strictObject({
        defaultAction: z.enum(['allow', 'deny']).optional(),
        trustDomain: z.string().optional(),
        policies: z
          .array(
            z.strictObject({
              appId: z.string(),
              defaultAction: z.enum(['allow', 'deny']).optional(),
              trustDomain: z.string().optional(),
              namespace: z.string().optional(),
              operations: z
                .array(z.strictObject({ name: z.string(), httpVerb: z.array(z.string()).optional(), action: z.enum(['allow', 'deny']) }))
                .optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    httpPipeline: pipeline.optional(),
    appHttpPipeline: pipeline.optional(),
    secrets: z
      .strictObject({
        scopes: z.array(
          z.strictObject({
            storeName: z.string(),
            defaultAccess: z.enum(['allow', 'deny']).optional(),
            allowedSecrets: z.array(z.string()).optional(),
            deniedSecrets: z.array(z.string()).optional(),
          }),
        ),
      })
      .optional(),
    api: z.strictObject({ allowed: z.array(apiRule).optional(), denied: z.array(apiRule).optional() }).optional(),
    features: z.array(z.strictObject({ name: z.string(), enabled: z.boolean() })).optional(),
    nameResolution: z
      .strictObject({ component: z.string(), version: z.string(), configuration: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.string(), z.number(), z.boolean()]) })
      .optional(),
    logging: z
      .strictObject({
        apiLogging: z
          .strictObject({ enabled: z.boolean().optional(), obfuscateURLs: z.boolean().optional(), omitHealthChecks: z.boolean().optional() })
          .optional(),
      })
      .optional(),
    components: z.strictObject({ deny: z.array(z.string()).optional() }).optional(),
    wasm: z.strictObject({ strictSandbox: z.boolean().optional() }).optional(),
    workflow: z
      .strictObject({
        maxConcurrentWorkflowInvocations: z.number().int().optional(),
        maxConcurrentActivityInvocations: z.number().int().optional(),
        globalMaxConcurrentWorkflowInvocations: z.number().int().optional(),
        globalMaxConcurrentActivityInvocations: z.number().int().optional(),
        workflowConcurrencyLimits: concurrencyLimits,
        activityConcurrencyLimits: concurrencyLimits,
        stateRetentionPolicy: z
          .strictObject({ completed: duration.optional(), failed: duration.optional(), terminated: duration.optional(), anyTerminal: duration.optional() })
          .optional(),
      })
      .optional(),
  }),
});

const bulkSubscribe = z
  .strictObject({ enabled: z.boolean(), maxMessagesCount: z.number().int().optional(), maxAwaitDurationMs: z.number().int().optional() })
  .optional();

const subscriptionV1 = z.strictObject({
  ...typeMeta('dapr.io/v1alpha1', 'Subscription'),
  spec: z.strictObject({
    pubsubname: z.string(),
    topic: z.string(),
    route: z.string(),
    metadata: z.record(z.string(), z.string()).optional(),
    deadLetterTopic: z.string().optional(),
    bulkSubscribe,
  }),
  scopes,
});

const subscriptionV2 = z.strictObject({
  ...typeMeta('dapr.io/v2alpha1', 'Subscription'),
  spec: z.strictObject({
    pubsubname: z.string(),
    topic: z.string(),
    routes: z.strictObject({
      rules: z.array(z.strictObject({ match: z.string(), path: z.string() })).optional(),
      default: z.string().optional(),
    }),
    metadata: z.record(z.string(), z.string()).optional(),
    deadLetterTopic: z.string().optional(),
    bulkSubscribe,
  }),
  scopes,
});

const retryPolicy = z.strictObject({
  policy: z.enum(['constant', 'exponential']).optional(),
  duration: duration.optional(),
  maxInterval: duration.optional(),
  // Optional: Dapr defaults it to -1 (retry until the policy's other limits stop it).
  maxRetries: z.number().int().optional(),
  matching: z.strictObject({ httpStatusCodes: z.string().optional(), gRPCStatusCodes: z.string().optional() }).optional(),
});

const circuitBreaker = z.strictObject({
  maxRequests: z.number().int().optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  trip: z.string().optional(),
});

const targetPolicies = {
  timeout: z.string().optional(),
  retry: z.string().optional(),
  circuitBreaker: z.string().optional(),
};

const resiliency = z.strictObject({
  ...typeMeta('dapr.io/v1alpha1', 'Resiliency'),
  spec: z.strictObject({
    policies: z.strictObject({
      timeouts: z.record(z.string(), duration).optional(),
      retries: z.record(z.string(), retryPolicy).optional(),
      circuitBreakers: z.record(z.string(), circuitBreaker).optional(),
    }),
    targets: z.strictObject({
      apps: z.record(z.string(), z.strictObject({ ...targetPolicies, circuitBreakerCacheSize: z.number().int().optional() })).optional(),
      actors: z
        .record(
          z.string(),
          z.strictObject({
            ...targetPolicies,
            circuitBreakerScope: z.enum(['id', 'type', 'both']).optional(),
            circuitBreakerCacheSize: z.number().int().optional(),
          }),
        )
        .optional(),
      components: z
        .record(z.string(), z.strictObject({ outbound: z.strictObject(targetPolicies).optional(), inbound: z.strictObject(targetPolicies).optional() }))
        .optional(),
    }),
  }),
  scopes,
});

export const DAPR_SCHEMAS = new Map<string, z.ZodType>([
  ['dapr.io/v1alpha1|Component', component],
  ['dapr.io/v1alpha1|Configuration', configuration],
  ['dapr.io/v1alpha1|Subscription', subscriptionV1],
  ['dapr.io/v2alpha1|Subscription', subscriptionV2],
  ['dapr.io/v1alpha1|Resiliency', resiliency],
]);
