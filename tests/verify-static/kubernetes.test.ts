import { describe, expect, it } from 'vitest';
import { checkFileStatically, staticCheckersFor } from '../../src/verify/static/index.ts';
import { findings, fixtureFiles, FIXTURES, outcomes } from './support.ts';

describe('kubernetes checker', () => {
  it.each(fixtureFiles('kubernetes/good').map((path) => path.slice(FIXTURES.length + 1)))('accepts %s', async (fixture) => {
    const list = await outcomes(fixture);
    expect(list.find((o) => o.checker === 'kubernetes')).toEqual({ checker: 'kubernetes', status: 'passed', diagnostics: [] });
  });

  it('catches replicaz and protocl in a Deployment, and a bad quantity', async () => {
    expect(await findings('kubernetes/bad/deployment-typos.yaml', 'kubernetes')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/kubernetes/bad/deployment-typos.yaml:6:3  error  Unknown field "spec.replicaz" in Deployment  [k8s-unknown-field]
        hint: Did you mean "replicas"?
      tests/verify-static/fixtures/kubernetes/bad/deployment-typos.yaml:20:15  error  Unknown field "spec.template.spec.containers[0].ports[0].protocl" in Deployment  [k8s-unknown-field]
        hint: Did you mean "protocol"?
      tests/verify-static/fixtures/kubernetes/bad/deployment-typos.yaml:23:23  error  "spec.template.spec.containers[0].resources.limits.memory" must be number or a string in format "quantity" in Deployment  [k8s-type]
        hint: Use a Kubernetes quantity such as 250m or 1 (CPU), 256Mi or 1Gi (memory)."
    `);
  });

  it('catches protocl in a Service', async () => {
    expect(await findings('kubernetes/bad/service-typo.yaml', 'kubernetes')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/kubernetes/bad/service-typo.yaml:11:7  error  Unknown field "spec.ports[0].protocl" in Service  [k8s-unknown-field]
        hint: Did you mean "protocol"?"
    `);
  });

  it('names the known kinds and apiVersions for unknown ones', async () => {
    expect(await findings('kubernetes/bad/unknown-types.yaml', 'kubernetes')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/kubernetes/bad/unknown-types.yaml:2:7  error  Unknown kind "Deploymnt" for apiVersion "apps/v1" (document 1)  [k8s-unknown-kind]
        hint: Did you mean "Deployment"? Kinds of apps/v1: ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet.
      tests/verify-static/fixtures/kubernetes/bad/unknown-types.yaml:7:7  error  Unknown kind "Deployment" for apiVersion "v1" (document 2)  [k8s-unknown-kind]
        hint: Deployment is served by apps/v1, not by v1.
      tests/verify-static/fixtures/kubernetes/bad/unknown-types.yaml:11:13  error  Unknown apiVersion "apps/v2" (document 3)  [k8s-unknown-api-version]
        hint: Deployment is served by apps/v1."
    `);
  });

  it('reports missing required fields and wrong types', async () => {
    expect(await findings('kubernetes/bad/missing-required.yaml', 'kubernetes')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/kubernetes/bad/missing-required.yaml:5:1  error  Missing required field "selector" in "spec" in Deployment  [k8s-required]
        hint: Add "selector" under "spec".
      tests/verify-static/fixtures/kubernetes/bad/missing-required.yaml:6:13  error  "spec.replicas" must be integer in Deployment  [k8s-type]
        hint: Change the value to the type the API expects (quote a number that is meant as a string)."
    `);
  });

  it('rejects API versions a current cluster no longer serves', async () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n';
    const [result] = await checkFileStatically('snippets/x/ingress.yaml', text, { root: '/nonexistent', requirements: new Set() });
    expect(result?.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message} | ${d.hint}`)).toMatchInlineSnapshot(`
      [
        "1:13 k8s-removed-api Ingress is no longer served by "extensions/v1beta1" (removed in Kubernetes v1.22) | Use apiVersion: networking.k8s.io/v1.",
      ]
    `);
  });

  describe('custom resources', () => {
    it('kind cluster config: bad fixture', async () => {
      expect(await findings('kubernetes/bad/kind-config.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/kind-config.yaml:5:5  error  Unknown field "nodes[0].extraPortMapings" in Cluster  [k8s-unknown-field]
          hint: Did you mean "extraPortMappings"?
        tests/verify-static/fixtures/kubernetes/bad/kind-config.yaml:7:11  error  "nodes[1].role" must be one of "control-plane", "worker" in Cluster  [k8s-enum]
          hint: Use one of the allowed values (they are case-sensitive)."
      `);
    });

    it('Dapr Component: bad fixture', async () => {
      expect(await findings('kubernetes/bad/dapr-component.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/dapr-component.yaml:5:1  error  Missing required field "version" in "spec" in Component  [k8s-required]
          hint: Add "version" under "spec".
        tests/verify-static/fixtures/kubernetes/bad/dapr-component.yaml:7:3  error  Unknown field "spec.metdata" in Component  [k8s-unknown-field]
          hint: Did you mean "metadata"?"
      `);
    });

    it('Dapr Configuration: bad fixture', async () => {
      expect(await findings('kubernetes/bad/dapr-configuration.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/dapr-configuration.yaml:9:7  error  Unknown field "spec.tracing.zipkin.endpointAdress" in Configuration  [k8s-unknown-field]
          hint: Did you mean "endpointAddress"?"
      `);
    });

    it('Dapr Subscription: bad fixture', async () => {
      expect(await findings('kubernetes/bad/dapr-subscription.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/dapr-subscription.yaml:11:9  error  Unknown field "spec.routes.rules[0].pth" in Subscription  [k8s-unknown-field]
          hint: Did you mean "path"?"
      `);
    });

    it('Dapr Resiliency: bad fixture', async () => {
      expect(await findings('kubernetes/bad/dapr-resiliency.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/dapr-resiliency.yaml:9:17  error  "spec.policies.retries.llmRetry.policy" must be one of "constant", "exponential" in Resiliency  [k8s-enum]
          hint: Use one of the allowed values (they are case-sensitive).
        tests/verify-static/fixtures/kubernetes/bad/dapr-resiliency.yaml:14:9  error  Unknown field "spec.targets.apps.inference-service.retries" in Resiliency  [k8s-unknown-field]
          hint: Allowed here: circuitBreaker, circuitBreakerCacheSize, retry, timeout."
      `);
    });

    it('Kong KongPlugin: bad fixture', async () => {
      expect(await findings('kubernetes/bad/kong-plugin.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/kong-plugin.yaml:6:1  error  Unknown field "confg" in KongPlugin  [k8s-unknown-field]
          hint: Did you mean "config"?"
      `);
    });

    it('Kong KongConsumer: bad fixture', async () => {
      expect(await findings('kubernetes/bad/kong-consumer.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/kong-consumer.yaml:5:1  error  Unknown field "usename" in KongConsumer  [k8s-unknown-field]
          hint: Did you mean "username"?
        tests/verify-static/fixtures/kubernetes/bad/kong-consumer.yaml:6:14  error  "credentials" must be array in KongConsumer  [k8s-type]
          hint: Change the value to the type the API expects (quote a number that is meant as a string)."
      `);
    });

    it('Strimzi Kafka: bad fixture', async () => {
      expect(await findings('kubernetes/bad/strimzi-kafka.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/strimzi-kafka.yaml:11:9  error  Unknown field "spec.kafka.listeners[0].typ" in Kafka  [k8s-unknown-field]
          hint: Did you mean "type"?"
      `);
    });

    it('Strimzi KafkaTopic: bad fixture', async () => {
      expect(await findings('kubernetes/bad/strimzi-topic.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/strimzi-topic.yaml:8:3  error  Unknown field "spec.partitons" in KafkaTopic  [k8s-unknown-field]
          hint: Did you mean "partitions"?"
      `);
    });

    it('Prometheus ServiceMonitor: bad fixture', async () => {
      expect(await findings('kubernetes/bad/servicemonitor.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/servicemonitor.yaml:11:7  error  Unknown field "spec.endpoints[0].intervall" in ServiceMonitor  [k8s-unknown-field]
          hint: Did you mean "interval"?"
      `);
    });

    it('Argo CD Application: bad fixture', async () => {
      expect(await findings('kubernetes/bad/argocd-application.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/argocd-application.yaml:13:5  error  Unknown field "spec.syncPolicy.automatic" in Application  [k8s-unknown-field]
          hint: Did you mean "automated"?"
      `);
    });

    it('KEDA ScaledObject: bad fixture', async () => {
      expect(await findings('kubernetes/bad/keda-scaledobject.yaml', 'kubernetes')).toMatchInlineSnapshot(`
        "tests/verify-static/fixtures/kubernetes/bad/keda-scaledobject.yaml:8:3  error  Unknown field "spec.maxReplicas" in ScaledObject  [k8s-unknown-field]
          hint: Fields allowed here: advanced, cooldownPeriod, fallback, idleReplicaCount, initialCooldownPeriod, maxReplicaCount, minReplicaCount, pollingInterval, scaleTargetRef, triggers."
      `);
    });
  });

  it('leaves Helm templates to the helm checker', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n';
    expect(staticCheckersFor('snippets/58-helm/chart/templates/deployment.yaml', template)).toEqual(['helm', 'secrets']);
    expect(staticCheckersFor('snippets/53-k8s/deploy/deployment.yaml', template)).toEqual(['kubernetes', 'yaml', 'secrets']);
  });
});
