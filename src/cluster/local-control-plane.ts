/**
 * A real, local Kubernetes control plane without containers: etcd → kube-apiserver → kube-controller-manager
 * → kube-scheduler → kwok (which plays the kubelet of fake nodes, so pods get scheduled, go Running and
 * Ready, and Deployments roll out, but no container ever runs). Everything lives in one temporary folder
 * (etcd data, serving certificate, service-account key, token file, kubeconfig, logs) that `stop()` removes,
 * and every process runs in its own process group, stopped on `stop()`, on a failed start and — through the
 * verify process registry — on Ctrl-C.
 *
 *   const cp = await startLocalControlPlane({ binaries, kubectl, env: process.env, log: console.error });
 *   cp.kubeconfig   // → '/tmp/local-control-plane-XXXX/kubeconfig'  (admin, token auth, system:masters)
 *   cp.readyMs      // → 6300 (start to /readyz, nodes Ready and CRDs Established)
 *   await cp.stop()
 *
 * Startup failures throw ControlPlaneError naming the process and the tail of its log.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../runtimes/free-port.ts';
import type { RuntimePaths } from '../runtimes/locate.ts';
import { runProcess } from '../verify/process.ts';
import { spawnService, type ServiceProcess } from '../verify/services/supervisor.ts';
import { nodeManifest } from './nodes.ts';

export type ControlPlaneBinaries = Omit<RuntimePaths['kubernetes'], 'bin' | 'version'>;

export interface ControlPlaneOptions {
  binaries: ControlPlaneBinaries;
  /** kubectl, used to register the fake nodes and install CRDs. */
  kubectl: string;
  env: Readonly<Record<string, string | undefined>>;
  log?: ((line: string) => void) | undefined;
  /** How many fake nodes kwok manages (default 2). */
  nodes?: number | undefined;
  /** CRD files to install (server-side apply) before the control plane counts as ready. */
  crdFiles?: readonly string[] | undefined;
  /** Give up when a step takes longer (default 60 s). */
  timeoutMs?: number | undefined;
  /** Grace before SIGKILL when stopping (default 5 s). */
  graceMs?: number | undefined;
  /** Aborting stops whatever has started and rejects with ControlPlaneError('interrupted'). */
  signal?: AbortSignal | undefined;
}

export interface LocalControlPlane {
  dir: string;
  kubeconfig: string;
  server: string;
  /** The admin user's bearer token (member of system:masters). */
  token: string;
  /** Start to ready: /readyz ok, the fake nodes Ready, the CRDs Established. */
  readyMs: number;
  processes: readonly ServiceProcess[];
  /** Stops every process (reverse start order) and removes the folder; safe to call twice. */
  stop(): Promise<void>;
}

export class ControlPlaneError extends Error {
  override name = 'ControlPlaneError';
}

const LOOPBACK = '127.0.0.1';
/** What kwok's simulated kubelet does (nodes Ready, bound pods Running and Ready, deleted pods gone). */
export const KWOK_STAGES_FILE = fileURLToPath(new URL('./kwok-stages.yaml', import.meta.url));
/** The namespace-less name of the fake nodes: kwok-node-0, kwok-node-1, … */
export const NODE_PREFIX = 'kwok-node-';

/** GET https://127.0.0.1:<port><path> with a bearer token; the status code, or undefined if unreachable. */
function httpsStatus(port: number, path: string, token: string, timeoutMs = 2000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: LOOPBACK, port, path, method: 'GET', rejectUnauthorized: false, headers: { authorization: `Bearer ${token}` }, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

function kubeconfigYaml(server: string, caFile: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: local',
    '    cluster:',
    `      server: ${server}`,
    `      certificate-authority: ${caFile}`,
    'users:',
    '  - name: admin',
    '    user:',
    `      token: ${token}`,
    'contexts:',
    '  - name: local',
    '    context:',
    '      cluster: local',
    '      user: admin',
    'current-context: local',
    '',
  ].join('\n');
}

/** The command lines of the five processes (pure, so tests can check the flags that matter). */
export function controlPlaneArgv(b: ControlPlaneBinaries, p: { dir: string; etcdPort: number; peerPort: number; apiPort: number; cmPort: number; schedPort: number; kubeconfig: string }): Record<'etcd' | 'apiserver' | 'controllerManager' | 'scheduler' | 'kwok', string[]> {
  const etcdUrl = `http://${LOOPBACK}:${p.etcdPort}`;
  const peerUrl = `http://${LOOPBACK}:${p.peerPort}`;
  return {
    etcd: [
      b.etcd, '--name', 'local', '--data-dir', join(p.dir, 'etcd'),
      '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl, '--initial-cluster', `local=${peerUrl}`,
      // Throwaway data: no fsync (a large share of apply latency on a busy disk).
      '--unsafe-no-fsync', '--log-level', 'warn',
    ],
    apiserver: [
      b.kubeApiserver,
      '--etcd-servers', etcdUrl,
      '--bind-address', LOOPBACK, '--advertise-address', LOOPBACK, '--secure-port', String(p.apiPort),
      // No --tls-cert-file: the server makes a self-signed CA and serving certificate in --cert-dir.
      '--cert-dir', join(p.dir, 'pki'),
      '--token-auth-file', join(p.dir, 'tokens.csv'),
      '--authorization-mode', 'RBAC',
      // As on kind and most clusters: privileged pods are allowed by the server and refused by Pod Security.
      '--allow-privileged=true',
      '--enable-admission-plugins', 'NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultTolerationSeconds,ResourceQuota,PodSecurity,ValidatingAdmissionPolicy,MutatingAdmissionPolicy',
      '--service-cluster-ip-range', '10.96.0.0/16',
      '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file', join(p.dir, 'sa.key'),
      '--service-account-signing-key-file', join(p.dir, 'sa.key'),
      '--api-audiences', 'https://kubernetes.default.svc.cluster.local',
      '--profiling=false',
    ],
    controllerManager: [
      b.kubeControllerManager,
      '--kubeconfig', p.kubeconfig,
      '--authentication-kubeconfig', p.kubeconfig, '--authorization-kubeconfig', p.kubeconfig,
      '--bind-address', LOOPBACK, '--secure-port', String(p.cmPort),
      '--leader-elect=false',
      '--service-account-private-key-file', join(p.dir, 'sa.key'),
      '--root-ca-file', join(p.dir, 'pki', 'apiserver.crt'),
      '--use-service-account-credentials=false',
      '--profiling=false',
    ],
    scheduler: [
      b.kubeScheduler,
      '--kubeconfig', p.kubeconfig,
      '--authentication-kubeconfig', p.kubeconfig, '--authorization-kubeconfig', p.kubeconfig,
      '--bind-address', LOOPBACK, '--secure-port', String(p.schedPort),
      '--leader-elect=false',
      '--profiling=false',
    ],
    kwok: [
      b.kwok,
      '--kubeconfig', p.kubeconfig,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector', 'kwok.x-k8s.io/node=fake',
      '--config', KWOK_STAGES_FILE,
      '--node-lease-duration-seconds', '40',
      '--cidr', '10.244.0.0/16',
      '--node-ip', '10.0.0.1',
    ],
  };
}

export interface KubectlCall {
  kubectl: string;
  kubeconfig: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  budgetMs: number;
  input?: string | undefined;
}

/**
 * One kubectl command against the control plane, killed with its process tree when it outlasts `budgetMs`;
 * the text then says so and how long it had, followed by whatever kubectl had printed.
 *
 *   await runKubectl({ kubectl, kubeconfig, args: ['apply', '-f', 'crd.yaml'], cwd, env, budgetMs: 4500 })
 *   // → { ok: false, text: 'kubectl apply timed out after 4.5 s; it had printed:\n…' }
 */
export async function runKubectl(call: KubectlCall): Promise<{ ok: boolean; text: string }> {
  const result = await runProcess({ argv: [call.kubectl, '--kubeconfig', call.kubeconfig, ...call.args], cwd: call.cwd, env: call.env, timeoutMs: call.budgetMs, stdin: call.input });
  const text = (result.spawnError ?? result.combined).trim();
  if (result.timedOut) return { ok: false, text: `kubectl ${call.args[0] ?? ''} timed out after ${call.budgetMs / 1000} s${text ? `; it had printed:\n${text}` : ''}` };
  return { ok: result.spawnError === undefined && result.exitCode === 0, text };
}

/** How long applying `count` CRDs, and then seeing them Established, may take: each is a new API to publish. */
export function crdBudgetMs(timeoutMs: number, count: number): number {
  return timeoutMs + 500 * count;
}

export async function startLocalControlPlane(options: ControlPlaneOptions): Promise<LocalControlPlane> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 60_000;
  const graceMs = options.graceMs ?? 5000;
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'local-control-plane-')));
  const processes: ServiceProcess[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const proc of [...processes].reverse()) await proc.stop(graceMs);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    mkdirSync(join(dir, 'pki'), { recursive: true });
    mkdirSync(join(dir, 'logs'));
    const token = randomBytes(24).toString('hex');
    writeFileSync(join(dir, 'tokens.csv'), `${token},admin,admin,system:masters\n`, { mode: 0o600 });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const [etcdPort, peerPort, apiPort, cmPort, schedPort] = (await freePorts(5)) as [number, number, number, number, number];
    const server = `https://${LOOPBACK}:${apiPort}`;
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml(server, join(dir, 'pki', 'apiserver.crt'), token), { mode: 0o600 });
    const argv = controlPlaneArgv(options.binaries, { dir, etcdPort, peerPort, apiPort, cmPort, schedPort, kubeconfig });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.env)) if (v !== undefined && k !== 'KUBECONFIG') env[k] = v;

    const spawn = (name: string, command: string[]) => {
      const proc = spawnService({ name, argv: command, cwd: dir, env, logFile: join(dir, 'logs', `${name}.log`) });
      processes.push(proc);
      return proc;
    };
    const waitFor = async (what: string, probe: () => Promise<boolean>, watched: readonly ServiceProcess[], more: { detail?: () => string; budgetMs?: number } = {}) => {
      const budgetMs = more.budgetMs ?? timeoutMs;
      const deadline = performance.now() + budgetMs;
      for (;;) {
        if (options.signal?.aborted) throw new ControlPlaneError('interrupted');
        for (const proc of watched) {
          const exited = proc.exited();
          if (exited !== undefined) throw new ControlPlaneError(`${proc.name} ${exited} while waiting for ${what}; its log ends:\n${proc.logTail(20)}`);
        }
        if (await probe()) return;
        if (performance.now() > deadline) {
          const tails = watched.map((proc) => `── ${proc.name} ──\n${proc.logTail(15)}`).join('\n');
          throw new ControlPlaneError(`${what} not reached within ${Math.round(budgetMs / 1000)} s\n${more.detail ? `${more.detail()}\n` : ''}${tails}`);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    const kubectl = (args: string[], input?: string, budgetMs = timeoutMs) => runKubectl({ kubectl: options.kubectl, kubeconfig, args, cwd: dir, env, budgetMs, input });

    log(`control plane: etcd on ${LOOPBACK}:${etcdPort}`);
    const etcd = spawn('etcd', argv.etcd);
    log(`control plane: kube-apiserver on ${server}`);
    const apiserver = spawn('kube-apiserver', argv.apiserver);
    await waitFor('kube-apiserver /readyz', async () => (await httpsStatus(apiPort, '/readyz', token)) === 200, [etcd, apiserver]);
    log(`control plane: kube-apiserver ready after ${Math.round(performance.now() - started)} ms`);
    const controllerManager = spawn('kube-controller-manager', argv.controllerManager);
    const scheduler = spawn('kube-scheduler', argv.scheduler);
    const kwok = spawn('kwok', argv.kwok);
    const all = [etcd, apiserver, controllerManager, scheduler, kwok];

    const nodes = options.nodes ?? 2;
    const registered = await kubectl(['apply', '-f', '-'], nodeManifest(NODE_PREFIX, nodes));
    if (!registered.ok) throw new ControlPlaneError(`registering ${nodes} kwok nodes failed: ${registered.text}`);
    // Each CRD is a new API the server must store, build and publish; on 2 loaded cores that is up to about half
    // a second apiece, so the budgets for applying them and for seeing them Established grow with the count
    // (the whole book installs over a hundred).
    const crdBudget = crdBudgetMs(timeoutMs, options.crdFiles?.length ?? 0);
    if (options.crdFiles && options.crdFiles.length > 0) {
      // Server-side apply: some CRDs are larger than the 256 KiB last-applied annotation client-side apply writes.
      const crdArgs = options.crdFiles.flatMap((file) => ['-f', file]);
      const applied = await kubectl(['apply', '--server-side', '--force-conflicts', ...crdArgs], undefined, crdBudget);
      if (!applied.ok) throw new ControlPlaneError(`installing ${options.crdFiles.length} CRDs failed: ${applied.text}`);
    }
    await waitFor(`${nodes} kwok nodes Ready`, async () => (await kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=2s'])).ok, all);
    if (options.crdFiles && options.crdFiles.length > 0) {
      let pending: string[] = [];
      const established = async () => {
        const listed = await kubectl(['get', 'crd', '-o', 'json']);
        if (!listed.ok) return false;
        pending = crdsNotEstablished(listed.text);
        return pending.length === 0;
      };
      await waitFor('CRDs Established', established, all, {
        budgetMs: crdBudget,
        detail: () => `CRDs not Established yet (${pending.length}):\n  ${pending.slice(0, 10).join('\n  ')}`,
      });
    }
    // The default ServiceAccount comes from the controller manager; pods are rejected until it exists.
    await waitFor('the default ServiceAccount', async () => (await kubectl(['get', 'serviceaccount', 'default', '-n', 'default'])).ok, all);
    const readyMs = Math.round(performance.now() - started);
    log(`control plane: ready in ${readyMs} ms (${nodes} simulated nodes${options.crdFiles?.length ? `, ${options.crdFiles.length} CRDs` : ''})`);
    return { dir, kubeconfig, server, token, readyMs, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface CrdList {
  items?: { metadata?: { name?: string }; status?: { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] } }[];
}

/**
 * The CRDs of a `kubectl get crd -o json` listing whose Established condition is not True, each with the
 * condition that says why (NamesAccepted=False names a clash with another CRD).
 */
export function crdsNotEstablished(json: string): string[] {
  const list = JSON.parse(json) as CrdList;
  const out: string[] = [];
  for (const item of list.items ?? []) {
    const conditions = item.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) continue;
    const why = conditions.find((c) => c.status !== 'True') ?? conditions.find((c) => c.type === 'Established');
    out.push(`${item.metadata?.name ?? '?'}: ${why ? `${why.type}=${why.status} ${why.reason ?? ''}${why.message ? `: ${why.message}` : ''}` : 'no conditions yet'}`);
  }
  return out;
}
