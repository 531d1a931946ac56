/**
 * Gateway API manifests are checked against the reference CRDs (Gateway API v1.5.1 standard) read from
 * ../shared/crds: a correct HTTPRoute passes, a misspelt field and a wrong enum are reported where they are.
 * Skipped, with the reason, where the reference CRDs are absent.
 */
import { describe, expect, it } from 'vitest';
import { findCrdReference } from '../../src/cluster/crds.ts';
import { gatewayApiFindings, gatewayApiKinds } from '../../src/verify/static/kubernetes/gateway-api-schemas.ts';

const reference = findCrdReference(process.cwd());
const route = (rule: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'lumen' },
  spec: { parentRefs: [{ name: 'lumen-edge' }], rules: [rule] },
});

describe.skipIf(!reference.ready)('Gateway API schemas from the reference CRDs', () => {
  it('knows the standard kinds of gateway.networking.k8s.io/v1', () => {
    expect(gatewayApiKinds().get('gateway.networking.k8s.io/v1')).toEqual(expect.arrayContaining(['Gateway', 'GatewayClass', 'HTTPRoute']));
  });

  it('accepts a route with timeouts and rejects a misspelt field and a bad path type', () => {
    const backendRefs = [{ name: 'lumen', port: 80 }];
    expect(gatewayApiFindings('gateway.networking.k8s.io/v1', 'HTTPRoute', route({ backendRefs, timeouts: { request: '60s' } }))).toEqual([]);
    const typo = gatewayApiFindings('gateway.networking.k8s.io/v1', 'HTTPRoute', route({ backendRefs, timeout: { request: '60s' } }));
    expect(typo?.map((f) => [f.rule, f.path.join('.')])).toEqual([['k8s-unknown-field', 'spec.rules.0.timeout']]);
    const enumValue = gatewayApiFindings('gateway.networking.k8s.io/v1', 'HTTPRoute', route({ backendRefs, matches: [{ path: { type: 'Prefix', value: '/v1' } }] }));
    expect(enumValue?.map((f) => f.rule)).toContain('k8s-enum');
  });
});
