/**
 * `--cluster local`: the cluster tier's own orchestration (src/verify/cluster/session.ts) against a real local
 * control plane, on the book's real cluster examples (chapters 52, 53 and 54). Runs when the control plane is
 * provisioned (`npm run runtimes -- install kubernetes`); otherwise SKIPPED with the reason and the command.
 * The pure parts (which steps need a container, which CRDs a run needs) are tested without binaries.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { containerNeed, SIMULATED_NODES_REASON } from '../../src/cluster/container-steps.ts';
import { crdsForGroups, findCrdReference, groupsUsed, indexCrds, isBuiltInGroup, prepareCrds } from '../../src/cluster/crds.ts';
import { findKubectl } from '../../src/cluster/local-tier.ts';
import { locateRuntime } from '../../src/runtimes/locate.ts';
import { runClusterTier } from '../../src/verify/cluster/session.ts';
import { loadManifest } from '../../src/verify/manifest.ts';
import { RequirementProbe } from '../../src/verify/requirements.ts';
import { passThroughEnv } from '../../src/verify/steps.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cluster-local-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('steps that need a running container', () => {
  const work = join(scratch, 'example');
  mkdirSync(join(work, 'scripts'), { recursive: true });
  writeFileSync(join(work, 'scripts', 'smoke.sh'), '#!/bin/sh\n# kubectl logs is only mentioned here\nkubectl port-forward svc/x 8080:80 &\ncurl -s localhost:8080\n');
  writeFileSync(join(work, 'scripts', 'objects.sh'), '#!/bin/sh\nkubectl get pods -n "$NAMESPACE"\nkubectl auth can-i get secrets --as x\n');

  it.each([
    ['kubectl logs deployment/lumen -n "$NAMESPACE"', 'kubectl logs'],
    ['kubectl exec -n "$NAMESPACE" deploy/lumen -- true', 'kubectl exec'],
    ['kubectl -n "$NAMESPACE" run probe --image=busybox --rm -i', 'kubectl run'],
    ['curl -sf http://lumen/healthz', 'curl'],
    ['bash scripts/smoke.sh', 'kubectl port-forward in scripts/smoke.sh'],
  ])('%s → skipped (%s)', (run, need) => {
    expect(containerNeed({ run, cwd: '.' }, work)).toBe(need);
  });

  it.each([['kubectl get deployment,pods -n "$NAMESPACE"'], ['bash scripts/objects.sh'], ['kubectl rollout status deployment/lumen'], ['kubectl wait --for=condition=Available deployment/lumen']])('%s → runs', (run) => {
    expect(containerNeed({ run, cwd: '.' }, work)).toBeUndefined();
  });

  it('never reads a file outside the example copy', () => {
    expect(containerNeed({ run: ['bash', '../../etc/passwd'], cwd: '.' }, work)).toBeUndefined();
  });
});

describe('which CRDs a run installs', () => {
  it('finds the non-built-in API groups of applied objects, lists included', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: dapr.io/v1alpha1\nkind: Component\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: kafka.strimzi.io/v1\n    kind: KafkaTopic\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n';
    expect([...groupsUsed([text])].sort()).toEqual(['dapr.io', 'kafka.strimzi.io']);
    expect(['', 'apps', 'autoscaling', 'policy', 'admissionregistration.k8s.io'].every(isBuiltInGroup)).toBe(true);
    expect(isBuiltInGroup('gateway.networking.k8s.io')).toBe(true);
  });

  const reference = findCrdReference(ROOT);
  it.skipIf(!reference.ready)(`indexes the reference sets, first set wins, and turns an unserved conversion webhook off${reference.ready ? '' : ` — SKIPPED: ${reference.reason}`}`, () => {
    if (!reference.ready) return;
    const index = indexCrds(reference.dir);
    expect(index.filter((crd) => crd.name === 'httproutes.gateway.networking.k8s.io').map((crd) => crd.file)).toEqual([join(reference.dir, 'gateway-api/v1.5.1/standard/gateway.networking.k8s.io_httproutes.yaml')]);
    const dapr = crdsForGroups(index, ['dapr.io']);
    expect(dapr.map((crd) => crd.kind).sort()).toContain('Subscription');
    const out = prepareCrds(dapr, join(scratch, 'crds'));
    const subscription = out.find((file) => file.endsWith('subscription.yaml'));
    expect(subscription).toBeDefined();
    expect(readText(subscription ?? '')).toMatch(/conversion:\n\s+strategy: None/);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

describe('--cluster local without the control plane provisioned', () => {
  it('skips every cluster example with the reason and the provisioning command, starting nothing', async () => {
    const manifest = await loadManifest(ROOT, 'snippets/53-kubernetes/manifests/verify.yaml');
    const empty = join(scratch, 'empty-cache');
    mkdirSync(empty, { recursive: true });
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', BOOK_CACHE_DIR: empty };
    const probe = new RequirementProbe({ env, cwd: ROOT });
    const outcome = await runClusterTier([manifest], { mode: 'local', keep: false, root: ROOT, toolEnv: env, stepEnv: env, probe, update: false, log: () => {} });
    const [only] = outcome.results.get('snippets/53-kubernetes/manifests') ?? [];
    expect(only).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/kubernetes 1\.36\.3 is not installed .*; provision it with: npm run runtimes -- install kubernetes$/) });
    expect(probe.cluster.ready).toBe(false);
  });
});

const binaries = locateRuntime('kubernetes', { env: process.env });
const kubectl = findKubectl(process.env);
const notReady = !binaries.ready ? `SKIPPED: ${binaries.reason}; provision: ${binaries.provision}` : kubectl === undefined ? 'SKIPPED: no kubectl (npm run runtimes -- install tools)' : !findCrdReference(ROOT).ready ? `SKIPPED: ${(findCrdReference(ROOT) as { reason: string }).reason}` : undefined;

describe.skipIf(notReady !== undefined)(`verify-snippets --cluster local on the book's cluster examples${notReady ? ` — ${notReady}` : ''}`, () => {
  it("chapter 53's manifests and chapter 52's Strimzi resources reach the real server; container and operator steps are skipped with the reason", async () => {
    const manifests = [await loadManifest(ROOT, 'snippets/53-kubernetes/manifests/verify.yaml'), await loadManifest(ROOT, 'snippets/52-kafka/strimzi/verify.yaml')];
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    const lines: string[] = [];
    const started = performance.now();
    const outcome = await runClusterTier(manifests, { mode: 'local', keep: false, root: ROOT, toolEnv: env, stepEnv: passThroughEnv(env), probe: new RequirementProbe({ env, cwd: ROOT }), update: false, log: (line) => lines.push(line) });
    const wallMs = Math.round(performance.now() - started);
    const summary = (dir: string) => (outcome.results.get(dir) ?? []).map((r) => `${r.name}: ${r.status}${r.skipReason ? ` (${r.skipReason})` : ''}`);
    expect(summary('snippets/53-kubernetes/manifests'), lines.join('\n')).toEqual([
      'cluster (control plane, simulated nodes): setup: passed',
      'step: objects: passed',
      'step: spec-check: passed',
      `step: smoke: skipped (${SIMULATED_NODES_REASON} (kubectl port-forward in scripts/smoke.sh))`,
      `step: network-policy: skipped (${SIMULATED_NODES_REASON} (kubectl run in scripts/netpol-test.sh))`,
    ]);
    expect(summary('snippets/52-kafka/strimzi'), lines.join('\n')).toEqual([
      'cluster (control plane, simulated nodes): setup: passed',
      ...['kafka-ready', 'topics-ready', 'users-ready'].map((name) => `step: ${name}: skipped (control plane with simulated nodes: the strimzi operator does not run (only its CRDs are installed))`),
    ]);
    expect(lines.some((line) => /control plane: ready in \d+ ms \(2 simulated nodes, 10 CRDs\)/.test(line))).toBe(true);
    console.info(`cluster tier (local) on chapters 52 and 53: ${wallMs} ms wall`);
  }, 300_000);
});

describe.skipIf(notReady !== undefined)(`Argo CD objects at the cluster tier${notReady ? ` — ${notReady}` : ''}`, () => {
  it("chapter 54's Application and AppProject reach the real server in the namespace they pin; a misspelt field is refused; undeclared, the pin clashes with the test namespace", async () => {
    const gitops = await loadManifest(ROOT, 'snippets/54-cicd/gitops/verify.yaml');
    const undeclared = await loadManifest(ROOT, 'tests/verify/fixtures/cluster-namespace/undeclared/verify.yaml');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    const lines: string[] = [];
    const outcome = await runClusterTier([gitops, undeclared], { mode: 'local', keep: false, root: ROOT, toolEnv: env, stepEnv: passThroughEnv(env), probe: new RequirementProbe({ env, cwd: ROOT }), update: false, log: (line) => lines.push(line) });
    const summary = (dir: string) => (outcome.results.get(dir) ?? []).map((r) => `${r.name}: ${r.status}`);
    expect(summary('snippets/54-cicd/gitops'), lines.join('\n')).toEqual([
      'cluster (control plane, simulated nodes): setup: passed',
      'step: argocd-objects: passed',
      'step: misspelt-field-refused: passed',
    ]);
    expect(lines).toContain('cluster: $ kubectl create namespace argocd');
    const [setup] = outcome.results.get('tests/verify/fixtures/cluster-namespace/undeclared') ?? [];
    expect(setup?.status).toBe('failed');
    expect(setup?.diagnostics[0]?.message).toBe('kubectl apply of k8s/ failed');
    expect(setup?.diagnostics[0]?.hint).toBe("The applied objects pin namespace argocd: declare it in verify.yaml as the example's own (cluster: namespace: argocd), and the tier creates and deletes it.");
    expect(setup?.detail).toMatch(/the namespace from the provided object "argocd" does not match the namespace "vs-tests-verify-fixtures-cluster-namespace-undeclared"/);
  }, 300_000);
});
