import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../src/runtimes/free-port.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPins, KIND_CONFIG_FILE } from '../../src/verify/cluster/pins.ts';
import { verifySnippets } from '../../src/verify/command.ts';
import { cleanupFixtures, copyFixture, FIXTURES, fakeDependencies } from './helpers.ts';

/** The fixture book, its cluster example declaring `namespace` as a namespace it owns. */
async function bookOwningNamespace(namespace: string): Promise<string> {
  const root = await copyFixture('book');
  const manifest = join(root, 'snippets/53-kubernetes/deploy/verify.yaml');
  const text = await readFile(manifest, 'utf8');
  await writeFile(manifest, text.replace('cluster:\n', `cluster:\n  namespace: ${namespace}\n`));
  return root;
}

/**
 * Stand-in kind/kubectl/docker/helm: each appends its name and argv to a log and behaves as told by
 * STANDIN_* variables (which the stand-ins read from a file, because cluster steps run with a clean env).
 */
let bin: string;
let log: string;
let control: string;

const STANDIN = (name: string) => `#!/bin/sh
. "${'${CONTROL}'}"
echo "${name} $*" >> "${'${LOG}'}"
line="${name} $*"
case "$line" in "$STANDIN_HANG"*) if [ -n "$STANDIN_HANG" ]; then sleep 60; fi ;; esac
case "$line" in "$STANDIN_FAIL"*) if [ -n "$STANDIN_FAIL" ]; then echo "error: $line failed" >&2; exit 1; fi ;; esac
case "$line" in "kubectl create namespace $STANDIN_EXISTS") if [ -n "$STANDIN_EXISTS" ]; then echo "Error from server (AlreadyExists): namespaces \"$STANDIN_EXISTS\" already exists" >&2; exit 1; fi ;; esac
case "$line" in
  "docker info"*) [ "$STANDIN_NO_DOCKER" = 1 ] && { echo "Cannot connect to the Docker daemon" >&2; exit 1; } ;;
  "kind get clusters"*) echo "$STANDIN_CLUSTERS" ;;
  "kubectl config current-context"*) echo "kind-dev" ;;
  "kubectl get pods -n "*" -o name"*) echo "pod/agent-7d9f8c6b5-x2kqp" ;;
  "kubectl get pods -n "*) printf 'NAME                     READY   STATUS    RESTARTS   AGE\\nagent-7d9f8c6b5-x2kqp    1/1     Running   0          12s\\n' ;;
  "kubectl describe"*) echo "Name: agent" ;;
  "kubectl logs"*) echo "[pod/agent-7d9f8c6b5-x2kqp/agent] crash: missing env" ;;
  "kubectl get events"*) echo "Warning  BackOff  pod/agent-7d9f8c6b5-x2kqp  Back-off restarting" ;;
esac
exit 0
`;

beforeAll(async () => {
  bin = await realpath(await mkdtemp(join(tmpdir(), 'verify-test-standins-')));
  log = join(bin, 'commands.log');
  control = join(bin, 'control.sh');
  for (const name of ['kind', 'kubectl', 'docker', 'helm']) {
    await writeFile(join(bin, name), STANDIN(name).replaceAll('${CONTROL}', control).replaceAll('${LOG}', log));
    await chmod(join(bin, name), 0o755);
  }
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
  await cleanupFixtures();
});

async function standins(settings: Record<string, string> = {}): Promise<void> {
  await writeFile(log, '');
  await writeFile(control, Object.entries(settings).map(([k, v]) => `${k}='${v}'\n`).join(''));
}

/** The log with run-specific paths replaced. */
async function commands(): Promise<string[]> {
  const text = await readFile(log, 'utf8');
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replaceAll(KIND_CONFIG_FILE, '$KIND_CONFIG').replace(/\S*\/verify-snippets-cluster-[^/\s]+/g, '$SCRATCH'));
}

function env(): Record<string, string | undefined> {
  return { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
}

describe('cluster tier with stand-in kind/kubectl/docker/helm', () => {
  it('creates a pinned kind cluster, builds and loads images, deploys per namespace, runs steps, cleans up', async () => {
    await standins();
    const root = await copyFixture('book');
    const pins = await loadPins();
    const run = await verifySnippets({ root, cluster: 'kind', jobs: 2 }, fakeDependencies({ env: env() }));
    expect(await commands()).toEqual([
      'docker info',
      'kubectl version --client',
      'kind version',
      `kind create cluster --name verify-snippets --config $KIND_CONFIG --image ${pins.kind.nodeImage} --kubeconfig $SCRATCH/kubeconfig --wait 120s`,
      'docker build -t agent:dev -f $SCRATCH/vs-53-kubernetes-deploy/Dockerfile $SCRATCH/vs-53-kubernetes-deploy',
      'kind load docker-image agent:dev --name verify-snippets',
      'kubectl create namespace vs-53-kubernetes-deploy',
      'kubectl apply -n vs-53-kubernetes-deploy -R -f $SCRATCH/vs-53-kubernetes-deploy/k8s/',
      'kubectl rollout status -n vs-53-kubernetes-deploy deployment/agent --timeout=180s',
      'kubectl get pods -n vs-53-kubernetes-deploy',
      'kubectl delete namespace vs-53-kubernetes-deploy --ignore-not-found --wait=false',
      'kind delete cluster --name verify-snippets',
    ]);
    const deployment = run.snippets.find((s) => s.path.endsWith('deployment.yaml'));
    expect(deployment?.checks.map((c) => [c.tier, c.name, c.status])).toEqual([
      ['static', 'fake-yaml', 'passed'],
      ['cluster', 'cluster: setup', 'passed'],
      ['cluster', 'step: pods', 'passed'],
    ]);
    expect(deployment?.reached).toBe('cluster');
    expect(run.exitCode).toBe(0);
  });

  it('on a failed rollout attaches describe, pod logs and events, and still cleans up', async () => {
    await standins({ STANDIN_FAIL: 'kubectl rollout' });
    const root = await copyFixture('book');
    const run = await verifySnippets({ root, cluster: 'kind' }, fakeDependencies({ env: env() }));
    const tail = (await commands()).slice(8);
    expect(tail).toEqual([
      'kubectl rollout status -n vs-53-kubernetes-deploy deployment/agent --timeout=180s',
      'kubectl describe all -n vs-53-kubernetes-deploy',
      'kubectl get pods -n vs-53-kubernetes-deploy -o name',
      'kubectl logs -n vs-53-kubernetes-deploy pod/agent-7d9f8c6b5-x2kqp --all-containers --prefix --tail=200',
      'kubectl get events -n vs-53-kubernetes-deploy --sort-by=.lastTimestamp',
      'kubectl delete namespace vs-53-kubernetes-deploy --ignore-not-found --wait=false',
      'kind delete cluster --name verify-snippets',
    ]);
    const checks = run.snippets.find((s) => s.path.endsWith('deployment.yaml'))?.checks ?? [];
    expect(checks.map((c) => [c.name, c.status, c.skipReason])).toEqual([
      ['fake-yaml', 'passed', undefined],
      ['cluster: setup', 'failed', undefined],
      ['step: pods', 'skipped', 'cluster setup failed'],
    ]);
    expect(checks[1]?.diagnostics[0]?.message).toBe('deployment/agent did not roll out within 180s');
    expect(checks[1]?.detail).toContain('crash: missing env');
    expect(checks[1]?.detail).toContain('Back-off restarting');
    expect(run.exitCode).toBe(1);
  });

  it('an example that owns a namespace: created, applied into, given to the steps, and deleted', async () => {
    await standins();
    const root = await bookOwningNamespace('argocd');
    const run = await verifySnippets({ root, cluster: 'kind' }, fakeDependencies({ env: env() }));
    expect((await commands()).slice(6)).toEqual([
      'kubectl create namespace argocd',
      'kubectl apply -n argocd -R -f $SCRATCH/vs-53-kubernetes-deploy/k8s/',
      'kubectl rollout status -n argocd deployment/agent --timeout=180s',
      'kubectl get pods -n argocd',
      'kubectl delete namespace argocd --ignore-not-found --wait=false',
      'kind delete cluster --name verify-snippets',
    ]);
    expect(run.exitCode).toBe(0);
  });

  it('an owned namespace is deleted after a failed apply too', async () => {
    await standins({ STANDIN_FAIL: 'kubectl apply' });
    const root = await bookOwningNamespace('argocd');
    const run = await verifySnippets({ root, cluster: 'kind' }, fakeDependencies({ env: env() }));
    const seen = await commands();
    expect(seen).toContain('kubectl create namespace argocd');
    expect(seen.slice(-2)).toEqual(['kubectl delete namespace argocd --ignore-not-found --wait=false', 'kind delete cluster --name verify-snippets']);
    expect(run.exitCode).toBe(1);
  });

  it('an owned namespace that already exists is neither adopted nor deleted: setup fails with what to do', async () => {
    await standins({ STANDIN_EXISTS: 'argocd' });
    const root = await bookOwningNamespace('argocd');
    const run = await verifySnippets({ root, cluster: 'current' }, fakeDependencies({ env: env() }));
    const seen = await commands();
    expect(seen.filter((c) => /apply|delete namespace/.test(c))).toEqual([]);
    const checks = run.snippets.find((s) => s.path.endsWith('deployment.yaml'))?.checks ?? [];
    const setup = checks.find((c) => c.name === 'cluster: setup');
    expect(setup?.status).toBe('failed');
    expect(setup?.diagnostics[0]?.message).toBe('namespace argocd already exists: the example owns it (cluster.namespace), so the tier creates and deletes it, and it will not take over one it did not create');
    expect(setup?.diagnostics[0]?.hint).toBe('Run against a cluster without it, or delete it first if a --keep run left it: kubectl delete namespace argocd');
    expect(run.exitCode).toBe(1);
  });

  it('on kind, an example using an API group no add-on installs (Argo CD) is skipped with the reason, not failed', async () => {
    await standins();
    const root = await copyFixture('book');
    await writeFile(join(root, 'snippets/53-kubernetes/deploy/k8s/project.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: agent\nspec: {}\n');
    const run = await verifySnippets({ root, cluster: 'kind' }, fakeDependencies({ env: env() }));
    const seen = await commands();
    expect(seen.filter((c) => /^(docker build|kubectl (create|apply))/.test(c))).toEqual([]);
    const checks = run.snippets.find((s) => s.path.endsWith('deployment.yaml'))?.checks ?? [];
    expect(checks.find((c) => c.tier === 'cluster')).toMatchObject({ status: 'skipped', skipReason: 'on kind no add-on installs the CRDs of API group argoproj.io (--cluster local applies them with the reference CRDs)' });
  });

  it('--keep reuses an existing cluster and deletes nothing', async () => {
    await standins({ STANDIN_CLUSTERS: 'other\nverify-snippets' });
    const root = await copyFixture('book');
    await verifySnippets({ root, cluster: 'kind', keep: true }, fakeDependencies({ env: env() }));
    const seen = await commands();
    expect(seen.slice(3, 5)).toEqual(['kind get clusters', 'kind export kubeconfig --name verify-snippets --kubeconfig $SCRATCH/kubeconfig']);
    expect(seen.filter((c) => /create cluster|delete/.test(c))).toEqual([]);
  });

  it('--cluster current uses the current context and never creates or deletes a cluster', async () => {
    await standins();
    const root = await copyFixture('book');
    const run = await verifySnippets({ root, cluster: 'current' }, fakeDependencies({ env: env() }));
    const seen = await commands();
    expect(seen.filter((c) => c.startsWith('kind'))).toEqual(['kind load docker-image agent:dev --name dev']);
    expect(seen.slice(0, 4)).toEqual(['docker info', 'kubectl version --client', 'kubectl version', 'kubectl config current-context']);
    expect(seen.at(-1)).toBe('kubectl delete namespace vs-53-kubernetes-deploy --ignore-not-found --wait=false');
    expect(run.exitCode).toBe(0);
  });

  it('without a Docker engine reports the cluster tier as skipped with the reason, never passed', async () => {
    await standins({ STANDIN_NO_DOCKER: '1' });
    const root = await copyFixture('book');
    const run = await verifySnippets({ root, cluster: 'kind' }, fakeDependencies({ env: env() }));
    expect(await commands()).toEqual(['docker info']);
    const deployment = run.snippets.find((s) => s.path.endsWith('deployment.yaml'));
    expect(deployment?.status).toBe('skipped');
    expect(deployment?.checks.find((c) => c.tier === 'cluster')).toMatchObject({ status: 'skipped', skipReason: 'no Docker engine: `docker info` failed' });
    expect(run.summary.passed).toBe(4);
  });

  it('without a reachable cluster (--cluster current) reports skipped', async () => {
    // Fails `kubectl version` (server) and `kubectl version --client` alike: kubectl is there, the cluster is not.
    await standins({ STANDIN_FAIL: 'kubectl version' });
    const root = await copyFixture('book');
    const run = await verifySnippets({ root, cluster: 'current' }, fakeDependencies({ env: env() }));
    const checks = run.snippets.find((s) => s.path.endsWith('deployment.yaml'))?.checks ?? [];
    expect(checks.find((c) => c.tier === 'cluster')).toMatchObject({ status: 'skipped', skipReason: 'kubectl is not installed: `kubectl version --client` failed' });
  });

  it('on SIGINT kills the running command, deletes namespace and cluster, and exits 130', async () => {
    await standins({ STANDIN_HANG: 'kubectl rollout' });
    const root = await copyFixture('book');
    const child = spawn(process.execPath, [join(FIXTURES, 'drivers/cli-with-doubles.ts'), '--cluster', 'kind'], { cwd: root, env: { ...env(), CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitUntil(async () => (await readFile(log, 'utf8')).includes('kubectl rollout'), { timeoutMs: 90_000, intervalMs: 50 });
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const seen = await commands();
    expect(seen.slice(-3)).toEqual([
      'kubectl rollout status -n vs-53-kubernetes-deploy deployment/agent --timeout=180s',
      'kubectl delete namespace vs-53-kubernetes-deploy --ignore-not-found --wait=false',
      'kind delete cluster --name verify-snippets',
    ]);
    expect(stderr).toContain('cluster: SIGINT received, cleaning up');
  }, 150_000);
});
