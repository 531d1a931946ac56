/**
 * The local control plane for real: etcd, kube-apiserver, controller-manager, scheduler and kwok from the
 * cache (`npm run runtimes -- install kubernetes`), one instance shared by the tests of this file. Without
 * the binaries every test is skipped with the reason and the provisioning command.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdsForGroups, findCrdReference, indexCrds, prepareCrds } from '../../src/cluster/crds.ts';
import { findKubectl } from '../../src/cluster/local-tier.ts';
import { startLocalControlPlane, type LocalControlPlane } from '../../src/cluster/local-control-plane.ts';
import { locateRuntime, locateTool } from '../../src/runtimes/locate.ts';
import { groupAlive } from '../../src/verify/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const binaries = locateRuntime('kubernetes', { env: process.env });
const kubectl = findKubectl(process.env);
const reference = findCrdReference(ROOT);
const notReady = !binaries.ready ? `SKIPPED: ${binaries.reason}; provision: ${binaries.provision}` : kubectl === undefined ? 'SKIPPED: no kubectl (npm run runtimes -- install tools)' : undefined;
const noCrds = reference.ready ? undefined : `SKIPPED: ${reference.reason}`;

let plane: LocalControlPlane | undefined;
let scratch: string;

function k(args: string[], input?: string): { ok: boolean; out: string } {
  if (!plane || kubectl === undefined) throw new Error('no control plane');
  try {
    const out = execFileSync(kubectl, ['--kubeconfig', plane.kubeconfig, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    return { ok: true, out };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
const fixture = (name: string) => join(FIXTURES, name);

describe.skipIf(notReady !== undefined)(`local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok)${notReady ? ` — ${notReady}` : ''}`, () => {
  beforeAll(async () => {
    if (!binaries.ready || kubectl === undefined) return;
    scratch = mkdtempSync(join(tmpdir(), 'cp-test-'));
    const crdFiles = reference.ready ? prepareCrds(crdsForGroups(indexCrds(reference.dir), ['configuration.konghq.com', 'kafka.strimzi.io', 'core.strimzi.io', 'dapr.io']), join(scratch, 'crds')) : [];
    plane = await startLocalControlPlane({ binaries, kubectl, env: process.env, crdFiles, timeoutMs: 120_000 });
  }, 180_000);
  afterAll(async () => {
    await plane?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  it('serves the pinned Kubernetes version to kubectl', () => {
    const version = JSON.parse(k(['version', '-o', 'json']).out) as { serverVersion: { gitVersion: string } };
    expect(version.serverVersion.gitVersion).toBe(`v${binaries.ready ? binaries.version : ''}`);
  });

  it('rolls a Deployment out on the simulated nodes', () => {
    k(['create', 'namespace', 'rollout']);
    expect(k(['apply', '-n', 'rollout', '-f', fixture('deployment-v1.yaml')]).ok).toBe(true);
    const status = k(['rollout', 'status', '-n', 'rollout', 'deployment/api', '--timeout=60s']);
    expect(status.out).toContain('successfully rolled out');
    const pods = JSON.parse(k(['get', 'pods', '-n', 'rollout', '-o', 'json']).out) as { items: { spec: { nodeName: string }; status: { phase: string } }[] };
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.spec.nodeName).toMatch(/^kwok-node-/);
      expect(pod.status.phase).toBe('Running');
    }
  });

  it("rejects a change of a Deployment's immutable selector", () => {
    k(['create', 'namespace', 'immutable']);
    expect(k(['apply', '-n', 'immutable', '-f', fixture('deployment-v1.yaml')]).ok).toBe(true);
    const changed = k(['apply', '-n', 'immutable', '-f', fixture('deployment-v2-selector.yaml')]);
    expect(changed.ok).toBe(false);
    expect(changed.out).toMatch(/spec\.selector.*field is immutable/);
  });

  it('enforces the restricted Pod Security profile of a namespace', () => {
    k(['create', 'namespace', 'locked']);
    k(['label', 'namespace', 'locked', 'pod-security.kubernetes.io/enforce=restricted', 'pod-security.kubernetes.io/enforce-version=v1.36']);
    const applied = k(['apply', '-n', 'locked', '-f', fixture('privileged-pod.yaml')]);
    expect(applied.ok).toBe(false);
    expect(applied.out).toMatch(/violates PodSecurity "restricted:v1.36".*privileged/);
  });

  it('enforces a ValidatingAdmissionPolicy written in CEL', () => {
    k(['create', 'namespace', 'vap']);
    k(['label', 'namespace', 'vap', 'policy=capped']);
    expect(k(['apply', '-f', fixture('replica-cap-policy.yaml')]).ok).toBe(true);
    // The policy reaches the admission chain asynchronously: retry until it rejects (or give up).
    let last = { ok: true, out: '' };
    for (let i = 0; i < 40 && last.ok; i++) {
      last = k(['create', 'deployment', 'wide', '--image=registry.invalid/x:1', '--replicas=9', '-n', 'vap', '--dry-run=server']);
      if (last.ok) execFileSync('sleep', ['0.25']);
    }
    expect(last.ok).toBe(false);
    expect(last.out).toMatch(/replica-cap.*at most 5 replicas/);
    expect(k(['create', 'deployment', 'narrow', '--image=registry.invalid/x:1', '--replicas=3', '-n', 'vap', '--dry-run=server']).ok).toBe(true);
  });

  it('answers kubectl auth can-i with real RBAC', () => {
    k(['create', 'namespace', 'rbac']);
    k(['create', 'serviceaccount', 'reader', '-n', 'rbac']);
    expect(k(['auth', 'can-i', 'get', 'secrets', '-n', 'rbac', '--as', 'system:serviceaccount:rbac:reader']).out.trim()).toBe('no');
    k(['create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'rbac']);
    k(['create', 'rolebinding', 'reader', '--role=secret-reader', '--serviceaccount=rbac:reader', '-n', 'rbac']);
    expect(k(['auth', 'can-i', 'get', 'secrets', '-n', 'rbac', '--as', 'system:serviceaccount:rbac:reader']).out.trim()).toBe('yes');
  });

  describe.skipIf(noCrds !== undefined)(`what only a server with the upstream CRDs catches${noCrds ? ` — ${noCrds}` : ''}`, () => {
    it.each([
      ['kong-consumer-no-id.yaml', /Need to provide either username or custom_id/],
      ['kong-plugin-config-and-configfrom.yaml', /Using both config and configFrom fields is not allowed/],
      ['strimzi-metrics-no-valuefrom.yaml', /valueFrom/],
      ['dapr-component-bad-name.yaml', /State_Store.*RFC 1123|a lowercase RFC 1123/],
    ])('rejects %s', (name, message) => {
      k(['create', 'namespace', 'crds']);
      const applied = k(['apply', '-n', 'crds', '-f', fixture(name)]);
      expect(applied.ok).toBe(false);
      expect(applied.out).toMatch(message);
    });

    it('rejects the Dapr Component label value with a space', () => {
      k(['create', 'namespace', 'crds']);
      expect(k(['apply', '-n', 'crds', '-f', fixture('dapr-component-bad-name.yaml')]).out).toMatch(/lumen agents.*must be no more than 63 characters|a valid label must be/);
    });

    it("rejects a change of a KongPlugin's immutable plugin field after a real apply", () => {
      k(['create', 'namespace', 'kong']);
      expect(k(['apply', '-n', 'kong', '-f', fixture('kong-plugin-v1.yaml')]).ok).toBe(true);
      const changed = k(['apply', '-n', 'kong', '-f', fixture('kong-plugin-v2.yaml')]);
      expect(changed.ok).toBe(false);
      expect(changed.out).toMatch(/The plugin field is immutable/);
    });
  });

  it("installs chapter 53's Helm chart with helm install and waits for it", () => {
    const helm = locateTool('helm', { env: process.env });
    if (!helm.ready || !plane) {
      expect.soft(helm.ready, `SKIPPED: ${helm.ready ? '' : helm.reason}`).toBe(true);
      return;
    }
    const chart = join(ROOT, 'snippets/53-kubernetes/helm');
    const ns = k(['create', 'namespace', 'lumen-helm', '--dry-run=client', '-o', 'yaml']).out;
    const labelled = ns.replace('metadata:\n', 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.36\n');
    expect(k(['apply', '-f', '-'], labelled).ok).toBe(true);
    const out = execFileSync(helm.path, ['install', 'lumen', join(chart, 'lumen'), '--namespace', 'lumen-helm', '-f', join(chart, 'values-dev.yaml'), '--wait', '--timeout', '2m', '--kubeconfig', plane.kubeconfig], { encoding: 'utf8', timeout: 180_000 });
    expect(out).toMatch(/STATUS: deployed/);
    expect(k(['rollout', 'status', '-n', 'lumen-helm', 'deployment', '--timeout=30s']).ok).toBe(true);
  }, 200_000);
});

describe.skipIf(notReady !== undefined)(`no process outlives the control plane${notReady ? ` — ${notReady}` : ''}`, () => {
  it('stop() ends every process group and removes the folder', async () => {
    if (!binaries.ready || kubectl === undefined) return;
    const cp = await startLocalControlPlane({ binaries, kubectl, env: process.env, nodes: 1, timeoutMs: 120_000 });
    const pids = cp.processes.map((p) => p.pid).filter((pid): pid is number => pid !== undefined);
    expect(pids).toHaveLength(5);
    await cp.stop();
    for (const pid of pids) expect(groupAlive(pid), `process group ${pid} still alive`).toBe(false);
    expect(() => execFileSync('test', ['-e', cp.dir])).toThrow();
  }, 180_000);

  it('SIGINT to the program that started it ends every process group', async () => {
    if (!binaries.ready || kubectl === undefined) return;
    const driver = fileURLToPath(new URL('./fixtures/driver.ts', import.meta.url));
    const child = spawn(process.execPath, [driver], { env: { ...process.env, KUBECTL: kubectl }, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text);
      });
      child.on('exit', (code) => reject(new Error(`driver exited with ${code} before it was ready`)));
    });
    const { pids, dir } = JSON.parse(ready.split('\n')[0] ?? '{}') as { pids: number[]; dir: string };
    expect(pids).toHaveLength(5);
    for (const pid of pids) expect(groupAlive(pid)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    for (const pid of pids) expect(groupAlive(pid), `process group ${pid} still alive`).toBe(false);
    expect(() => execFileSync('test', ['-e', dir])).toThrow();
  }, 180_000);
});

describe.skipIf(notReady !== undefined || noCrds !== undefined)(`the whole book's CRDs at once${notReady ?? noCrds ? ` — ${notReady ?? noCrds}` : ''}`, () => {
  // A whole-book --cluster local run installs every API group the examples use in one go. With
  // `kubectl wait --for=condition=Established crd --all` as the probe this timed out on a 2-core machine
  // ("CRDs Established not reached within 60 s") while one chapter at a time passed.
  it('installs every reference CRD and reports them Established within the default timeout', async () => {
    if (!binaries.ready || kubectl === undefined || !reference.ready) return;
    const index = indexCrds(reference.dir);
    const dir = mkdtempSync(join(tmpdir(), 'cp-all-crds-'));
    try {
      const crdFiles = prepareCrds(crdsForGroups(index, new Set(index.map((crd) => crd.group))), join(dir, 'crds'));
      expect(crdFiles.length).toBeGreaterThan(60);
      const cp = await startLocalControlPlane({ binaries, kubectl, env: process.env, nodes: 1, crdFiles });
      await cp.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
