/**
 * The cluster tier. With `mode: 'kind'` it creates (or, with `keep`, reuses) a kind cluster from the pinned
 * config, installs the add-ons the examples need from pinned charts, builds each example's images with
 * docker and loads them into kind, then runs every example in its own namespace (a fresh one, or the one it
 * declares as its own: ./namespace.ts): apply, wait for rollout, run its cluster steps. An example that uses a
 * CRD group none of the add-ons installs is SKIPPED on kind with the reason. On failure it attaches `kubectl
 * describe`, pod logs and events. Namespaces and the cluster are deleted at the end AND on SIGINT/SIGTERM, unless `keep`. `mode: 'current'` uses the current
 * kube context and never creates or deletes a cluster. `mode: 'local'` starts a real control plane of our own
 * (etcd, kube-apiserver, controller-manager, scheduler, and kwok for simulated nodes: src/cluster/) and installs
 * the reference CRDs of the API groups the examples use; images are not built (no container runs), add-on
 * operators are not installed, and steps that need a running container or an operator are SKIPPED with the reason.
 *
 *   const results = await runClusterTier([manifest], { mode: 'kind', keep: false, root, … });
 *   results.get('snippets/53-k8s/deploy')
 *   // → [{ tier: 'cluster', name: setupName, status: 'passed', … }, { name: 'step: pods', … }]
 *
 * Without a Docker engine (or kind/kubectl/helm), every example's cluster checks are SKIPPED with the reason.
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnostic, isBookError } from '../../core/diagnostics.ts';
import { insideExample, type Addon, type Manifest } from '../manifest.ts';
import { materializeExample } from '../overlay.ts';
import { runProcess, type ProcessResult } from '../process.ts';
import type { RequirementProbe } from '../requirements.ts';
import { runSteps } from '../steps.ts';
import type { CheckResult } from '../types.ts';
import { alreadyExists, exampleNamespace, namespaceFor, namespaceTaken, pinnedNamespaceHint } from './namespace.ts';
import { KIND_CONFIG_FILE, loadPins, pinnedFile, type Pins } from './pins.ts';
import { containerNeed, simulatedNodesReason } from '../../cluster/container-steps.ts';
import { apiGroupsByExample, withoutCrdsOnKind } from '../../cluster/example-groups.ts';
import { LOCAL_TIER_NAME, startLocalCluster, type LocalCluster } from '../../cluster/local-tier.ts';

export type ClusterMode = 'kind' | 'current' | 'local';

export interface ClusterOptions {
  mode: ClusterMode;
  keep: boolean;
  root: string;
  /** Environment for kind, kubectl, docker and helm themselves (the CLI passes process.env). */
  toolEnv: Record<string, string>;
  /** Pass-through variables for the steps' clean environment. */
  stepEnv: Record<string, string>;
  probe: RequirementProbe;
  update: boolean;
  log: (line: string) => void;
  clusterName?: string | undefined;
  pins?: Pins | undefined;
  /** Install SIGINT/SIGTERM handlers that abort the run and clean up (the CLI sets this). */
  handleSignals?: boolean | undefined;
  /** An outer abort signal (tests, or a caller with its own handlers). */
  signal?: AbortSignal | undefined;
  /** Overrides for slow waits, mostly for tests. */
  timeouts?: Partial<Record<'create' | 'install' | 'build' | 'command', number>> | undefined;
  graceMs?: number | undefined;
}

export interface ClusterOutcome {
  results: Map<string, CheckResult[]>;
  /** The signal that interrupted the run, if any. */
  interrupted?: NodeJS.Signals | undefined;
}

export const DEFAULT_CLUSTER_NAME = 'verify-snippets';
export { namespaceFor } from './namespace.ts';

function skipAll(examples: readonly Manifest[], reason: string): Map<string, CheckResult[]> {
  return new Map(examples.map((m) => [m.dir, [{ tier: 'cluster', name: 'cluster', status: 'skipped', skipReason: reason, diagnostics: [], durationMs: 0, cached: false }]]));
}

function firstLine(result: ProcessResult): string {
  const text = (result.spawnError ?? result.stderr.trim()) || result.stdout.trim();
  return text.split('\n')[0] ?? '';
}

export async function runClusterTier(examples: readonly Manifest[], options: ClusterOptions): Promise<ClusterOutcome> {
  const withCluster = examples.filter((m) => m.cluster);
  if (withCluster.length === 0) return { results: new Map() };
  const { probe, log } = options;
  // The report names what was really run: a local control plane is not a cluster with containers.
  const setupName = options.mode === 'local' ? `${LOCAL_TIER_NAME}: setup` : 'cluster: setup';
  const name = options.clusterName ?? DEFAULT_CLUSTER_NAME;
  const timeouts = { create: 300_000, install: 600_000, build: 900_000, command: 120_000, ...options.timeouts };
  const needsImages = withCluster.some((m) => (m.cluster?.images.length ?? 0) > 0);
  const addons = new Set<Addon>(withCluster.flatMap((m) => m.cluster?.addons ?? []));

  // Preflight: the tools this run needs, probed for real.
  const tools: ('docker' | 'kind' | 'kubectl' | 'helm')[] = ['kubectl'];
  if (options.mode === 'kind' || (needsImages && options.mode !== 'local')) tools.unshift('docker');
  if (options.mode === 'kind') tools.push('kind');
  if (addons.size > 0 && options.mode !== 'local') tools.push('helm');
  for (const tool of tools) {
    const reason = await probe.tool(tool);
    if (reason) {
      probe.cluster = { ready: false, reason, addons: new Set() };
      return { results: skipAll(withCluster, reason) };
    }
  }

  const abort = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return; // a second Ctrl-C while cleaning up is handled by the CLI
    interrupted = signal;
    log(`cluster: ${signal} received, cleaning up…`);
    abort.abort();
  };
  const onOuterAbort = () => onSignal('SIGINT');
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  const scratch = await realpath(await mkdtemp(join(tmpdir(), 'verify-snippets-cluster-')));
  let kubeconfig = options.mode === 'kind' ? join(scratch, 'kubeconfig') : options.toolEnv['KUBECONFIG'];
  const env: Record<string, string> = { ...options.toolEnv, ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}) };
  const run = (argv: string[], timeoutMs = timeouts.command, abortable = true) => {
    log(`cluster: $ ${argv.join(' ')}`);
    return runProcess({ argv, cwd: scratch, env, timeoutMs, signal: abortable ? abort.signal : undefined, graceMs: options.graceMs });
  };
  const ok = (r: ProcessResult) => r.spawnError === undefined && r.exitCode === 0;

  const results = new Map<string, CheckResult[]>();
  const namespaces: string[] = [];
  let created = false;
  let kindContext: string | undefined;
  let local: LocalCluster | undefined;
  /** Example folder → why it cannot run on this cluster (kind: a CRD group no add-on installs). */
  const withoutCrds = new Map<string, string>();
  try {
    // 1. The cluster.
    if (options.mode === 'local') {
      const startedLocal = await startLocalCluster(withCluster, { root: options.root, env: options.toolEnv, scratch, log, signal: abort.signal, graceMs: options.graceMs });
      if (!startedLocal.ok) {
        if (startedLocal.skip) {
          probe.cluster = { ready: false, reason: startedLocal.reason, addons: new Set() };
          for (const [dir, checks] of skipAll(withCluster, startedLocal.reason)) results.set(dir, checks);
          return { results };
        }
        throw new SetupError(startedLocal.reason);
      }
      local = startedLocal.cluster;
      kubeconfig = local.kubeconfig;
      env['KUBECONFIG'] = kubeconfig;
    } else if (options.mode === 'kind') {
      const pins = options.pins ?? (await loadPins());
      let reuse = false;
      if (options.keep) {
        const list = await run(['kind', 'get', 'clusters']);
        reuse = ok(list) && list.stdout.split('\n').map((l) => l.trim()).includes(name);
      }
      if (reuse) {
        const exported = await run(['kind', 'export', 'kubeconfig', '--name', name, '--kubeconfig', kubeconfig ?? '']);
        if (!ok(exported)) throw new SetupError(`kind export kubeconfig failed: ${firstLine(exported)}`);
      } else {
        created = true;
        const create = await run(['kind', 'create', 'cluster', '--name', name, '--config', KIND_CONFIG_FILE, '--image', pins.kind.nodeImage, '--kubeconfig', kubeconfig ?? '', '--wait', '120s'], timeouts.create);
        if (!ok(create)) throw new SetupError(`kind create cluster failed: ${firstLine(create)}`);
      }
      kindContext = name;
      // 2. Add-ons, from pinned charts.
      for (const addon of addons) {
        if (abort.signal.aborted) break;
        const pin = pins.addons[addon];
        const sets = Object.entries(pin.set).flatMap(([key, value]) => ['--set', `${key}=${value}`]);
        const install = await run(['helm', 'upgrade', '--install', addon, pin.chart, ...(pin.repo ? ['--repo', pin.repo] : []), '--version', pin.version, '--namespace', pin.namespace, '--create-namespace', ...sets, '--wait', '--timeout', '10m', '--kubeconfig', kubeconfig ?? ''], timeouts.install);
        if (!ok(install)) throw new SetupError(`installing ${addon} ${pin.version} failed: ${firstLine(install)}`);
        if (pin.manifest) {
          const applied = await run(['kubectl', 'apply', '-n', pin.namespace, '-f', pinnedFile(pin.manifest)]);
          if (!ok(applied)) throw new SetupError(`applying ${pin.manifest} failed: ${firstLine(applied)}`);
        }
        if (pin.ready) {
          const ready = await run(['kubectl', 'wait', '-n', pin.namespace, pin.ready, '--for=condition=Ready', '--timeout=600s'], timeouts.install);
          if (!ok(ready)) throw new SetupError(`${pin.ready} did not become ready: ${firstLine(ready)}`);
        }
      }
      // kind gets CRDs only from add-on charts: an example using another group would fail on "no matches for kind".
      try {
        const groups = await apiGroupsByExample(withCluster, { root: options.root, scratch });
        for (const [dir, reason] of withoutCrdsOnKind(groups, addons)) withoutCrds.set(dir, reason);
      } catch (error) {
        if (!isBookError(error)) throw error; // a broken example is reported by its own run below
      }
    } else {
      const reachable = await run(['kubectl', 'version'], 30_000);
      if (!ok(reachable)) {
        const reason = 'no cluster: `kubectl version` cannot reach the current context';
        probe.cluster = { ready: false, reason, addons: new Set() };
        for (const [dir, checks] of skipAll(withCluster, reason)) results.set(dir, checks);
        return { results };
      }
      const context = await run(['kubectl', 'config', 'current-context']);
      const current = context.stdout.trim();
      if (current.startsWith('kind-')) kindContext = current.slice('kind-'.length);
      for (const addon of addons) log(`cluster: --cluster current: assuming ${addon} is installed in context ${current}`);
    }
    // Simulated nodes run no operator: steps that require kafka or dapr in the cluster skip with the reason.
    probe.cluster = { ready: true, reason: '', addons: options.mode === 'local' ? new Set() : addons };

    // 3. Each example in its own namespace.
    for (const manifest of withCluster) {
      if (abort.signal.aborted) break;
      const unavailable = local?.unavailable.get(manifest.dir) ?? withoutCrds.get(manifest.dir);
      if (unavailable !== undefined) {
        results.set(manifest.dir, skipAll([manifest], unavailable).get(manifest.dir) ?? []);
        continue;
      }
      results.set(manifest.dir, await runExample(manifest));
    }
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    const reason = abort.signal.aborted ? 'interrupted' : error.message;
    for (const manifest of withCluster) {
      if (results.has(manifest.dir)) continue;
      results.set(manifest.dir, [
        abort.signal.aborted
          ? { tier: 'cluster', name: setupName, status: 'skipped', skipReason: reason, diagnostics: [], durationMs: 0, cached: false }
          : { tier: 'cluster', name: setupName, status: 'failed', diagnostics: [diagnostic({ file: manifest.file, line: 0, column: 0, rule: 'verify-cluster', message: `Cluster setup failed: ${reason}`, hint: 'Run again with --keep and inspect the cluster with kubectl.' })], durationMs: 0, cached: false },
      ]);
    }
  } finally {
    // Clean-up runs even after an interrupt: these commands are not abortable.
    if (local) {
      await local.stop(); // the whole control plane goes, namespaces with it
    } else if (!options.keep) {
      for (const namespace of namespaces) await run(['kubectl', 'delete', 'namespace', namespace, '--ignore-not-found', '--wait=false'], timeouts.command, false);
      if (created) await run(['kind', 'delete', 'cluster', '--name', name], timeouts.command, false);
    } else if (options.mode === 'kind') {
      log(`cluster: --keep: kept cluster "${name}" (delete it with: kind delete cluster --name ${name})`);
    }
    if (options.handleSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    options.signal?.removeEventListener('abort', onOuterAbort);
    await rm(scratch, { recursive: true, force: true });
  }
  for (const manifest of withCluster) {
    if (!results.has(manifest.dir)) results.set(manifest.dir, skipAll([manifest], 'interrupted').get(manifest.dir) ?? []);
  }
  return { results, interrupted };

  async function runExample(manifest: Manifest): Promise<CheckResult[]> {
    const cluster = manifest.cluster;
    if (!cluster) return [];
    const started = performance.now();
    const { name: namespace, owned } = exampleNamespace(manifest);
    const work = join(scratch, namespaceFor(manifest.dir));
    try {
      await materializeExample(options.root, manifest, work);
    } catch (error) {
      if (!isBookError(error)) throw error;
      return [{ tier: 'cluster', name: setupName, status: 'failed', diagnostics: [...error.diagnostics], durationMs: 0, cached: false }];
    }
    const inWork = (relativePath: string) => join(work, insideExample('.', relativePath) ?? '.');
    const setupFailure = async (message: string, output: string, hint = 'See the describe output, pod logs and events below; rerun with --keep to inspect the namespace.'): Promise<CheckResult[]> => {
      const detail = [output.trim(), await collectDiagnostics(namespace)].filter(Boolean).join('\n\n');
      const failed: CheckResult = { tier: 'cluster', name: setupName, status: 'failed', diagnostics: [diagnostic({ file: manifest.file, line: 0, column: 0, rule: 'verify-cluster', message, hint })], detail, durationMs: Math.round(performance.now() - started), cached: false };
      return [failed, ...cluster.steps.map((step): CheckResult => ({ tier: 'cluster', name: `step: ${step.name}`, status: 'skipped', skipReason: 'cluster setup failed', diagnostics: [], durationMs: 0, cached: false }))];
    };
    const interruptedResult = (): CheckResult[] => [{ tier: 'cluster', name: setupName, status: 'skipped', skipReason: 'interrupted', diagnostics: [], durationMs: 0, cached: false }];

    for (const image of options.mode === 'local' ? [] : cluster.images) {
      const dockerfile = image.dockerfile ?? join(image.context, 'Dockerfile');
      const built = await run(['docker', 'build', '-t', image.name, '-f', inWork(dockerfile), inWork(image.context)], timeouts.build);
      if (abort.signal.aborted) return interruptedResult();
      if (!ok(built)) return setupFailure(`docker build of ${image.name} failed`, built.combined);
      if (kindContext === undefined) return setupFailure(`cannot load image ${image.name}: the current context is not a kind cluster`, '');
      const loaded = await run(['kind', 'load', 'docker-image', image.name, '--name', kindContext], timeouts.build);
      if (abort.signal.aborted) return interruptedResult();
      if (!ok(loaded)) return setupFailure(`kind load docker-image ${image.name} failed`, loaded.combined);
    }
    // A namespace of our own naming is cleaned up whatever happens; an owned one only once this run created it.
    if (!owned) namespaces.push(namespace);
    const createdNs = await run(['kubectl', 'create', 'namespace', namespace]);
    if (owned && ok(createdNs)) namespaces.push(namespace);
    if (abort.signal.aborted) return interruptedResult();
    if (!ok(createdNs)) {
      if (!alreadyExists(createdNs.stderr)) return setupFailure(`kubectl create namespace ${namespace} failed`, createdNs.combined);
      if (owned) {
        const taken = namespaceTaken(namespace);
        return setupFailure(taken.message, createdNs.combined, taken.hint);
      }
    }
    for (const target of cluster.apply) {
      const applied = await run(['kubectl', 'apply', '-n', namespace, '-R', '-f', inWork(target)]);
      if (abort.signal.aborted) return interruptedResult();
      if (!ok(applied)) return setupFailure(`kubectl apply of ${target} failed`, applied.combined, pinnedNamespaceHint(applied.combined));
    }
    for (const workload of cluster.rollout) {
      const seconds = Math.round(cluster.rolloutTimeout / 1000);
      const rolled = await run(['kubectl', 'rollout', 'status', '-n', namespace, workload, `--timeout=${seconds}s`], cluster.rolloutTimeout + 30_000);
      if (abort.signal.aborted) return interruptedResult();
      if (!ok(rolled)) return setupFailure(`${workload} did not roll out within ${seconds}s`, rolled.combined);
    }
    const setup: CheckResult = { tier: 'cluster', name: setupName, status: 'passed', diagnostics: [], durationMs: Math.round(performance.now() - started), cached: false };
    // On simulated nodes, a step that needs a running container or an add-on's operator is skipped, not run.
    const skipReasons = new Map<string, string>();
    if (options.mode === 'local') {
      if (images(cluster) > 0) log(`cluster: ${manifest.dir}: images not built (simulated nodes run no container)`);
      // Add-ons that are not operators: an ingress or gateway controller with nothing to reconcile here (its
      // data plane is only reached by steps that curl or port-forward, which containerNeed skips), or CRDs alone.
      const controllers = new Set(['envoy-gateway', 'kong', 'prometheus-crds']);
      const operators = cluster.addons.filter((addon) => !controllers.has(addon));
      for (const step of cluster.steps) {
        const need = containerNeed(step, work);
        if (need !== undefined) skipReasons.set(step.name, simulatedNodesReason(need));
        else if (operators.length > 0) skipReasons.set(step.name, `control plane with simulated nodes: the ${operators.join(', ')} operator does not run (only its CRDs are installed)`);
      }
    }
    const runnable = cluster.steps.filter((step) => !skipReasons.has(step.name));
    const ran = await runSteps(runnable, {
      root: options.root,
      manifest,
      tier: 'cluster',
      probe,
      baseEnv: options.stepEnv,
      update: options.update,
      env: { NAMESPACE: namespace, ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}) },
      signal: abort.signal,
      graceMs: options.graceMs,
    });
    const stepResults = cluster.steps.map((step): CheckResult => {
      const reason = skipReasons.get(step.name);
      if (reason !== undefined) return { tier: 'cluster', name: `step: ${step.name}`, status: 'skipped', skipReason: reason, diagnostics: [], durationMs: 0, cached: false };
      return ran[runnable.indexOf(step)] as CheckResult;
    });
    if (stepResults.some((r) => r.status === 'failed')) {
      const logs = await collectDiagnostics(namespace);
      const firstFailed = stepResults.find((r) => r.status === 'failed');
      if (firstFailed) firstFailed.detail = [firstFailed.detail, logs].filter(Boolean).join('\n\n');
    }
    return [setup, ...stepResults];
  }

  /** `kubectl describe`, pod logs and events of a namespace, for a failure report. */
  async function collectDiagnostics(namespace: string): Promise<string> {
    const sections: string[] = [];
    const section = async (title: string, argv: string[]) => {
      const result = await run(argv, timeouts.command, false);
      sections.push(`── ${title} ──\n${(result.combined || result.spawnError || '').trim()}`);
    };
    await section(`kubectl describe all -n ${namespace}`, ['kubectl', 'describe', 'all', '-n', namespace]);
    const pods = await run(['kubectl', 'get', 'pods', '-n', namespace, '-o', 'name'], timeouts.command, false);
    for (const pod of pods.stdout.split('\n').map((l) => l.trim()).filter(Boolean)) {
      await section(`kubectl logs ${pod}`, ['kubectl', 'logs', '-n', namespace, pod, '--all-containers', '--prefix', '--tail=200']);
    }
    await section(`kubectl get events -n ${namespace}`, ['kubectl', 'get', 'events', '-n', namespace, '--sort-by=.lastTimestamp']);
    return sections.join('\n\n');
  }
}

function images(cluster: { images: readonly unknown[] }): number {
  return cluster.images.length;
}

class SetupError extends Error {
  override name = 'SetupError';
}
