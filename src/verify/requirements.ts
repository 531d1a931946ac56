/**
 * Detects, for real and once per run, whether what a step `requires` is available: Python modules
 * (`python3 -c 'import x'`), a Docker engine (`docker info`), kind, kubectl, helm, a reachable cluster and its
 * add-ons, or any program on PATH. Gives a skip reason, or undefined when the requirement is met.
 *
 *   const probe = new RequirementProbe({ env: { PATH: process.env.PATH ?? '' }, cwd: '/tmp' });
 *   await probe.skipReason({ python: ['fastapi'] }, 'local')
 *   // → 'python package fastapi is not importable by python3'
 *   await probe.skipReason('docker', 'local')  // → 'no Docker engine: `docker info` failed'
 */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Addon, Requirement } from './manifest.ts';
import { runProcess } from './process.ts';

export type Phase = 'local' | 'cluster';

/** What the cluster phase has made available; set by the cluster orchestration. */
export interface ClusterAvailability {
  ready: boolean;
  /** Why the cluster is not ready, used as the skip reason. */
  reason: string;
  addons: ReadonlySet<Addon>;
}

const PROBES: Record<string, { argv: string[]; reason: string }> = {
  docker: { argv: ['docker', 'info'], reason: 'no Docker engine: `docker info` failed' },
  kind: { argv: ['kind', 'version'], reason: 'kind is not installed: `kind version` failed' },
  kubectl: { argv: ['kubectl', 'version', '--client'], reason: 'kubectl is not installed: `kubectl version --client` failed' },
  helm: { argv: ['helm', 'version', '--short'], reason: 'helm is not installed: `helm version --short` failed' },
  node: { argv: ['node', '--version'], reason: 'node is not on PATH' },
  python3: { argv: ['python3', '--version'], reason: 'python3 is not on PATH' },
};

export class RequirementProbe {
  readonly #env: Record<string, string>;
  readonly #cwd: string;
  readonly #memo = new Map<string, Promise<string | undefined>>();
  cluster: ClusterAvailability = { ready: false, reason: 'no cluster: the cluster tier runs only with --cluster kind|current|local', addons: new Set() };

  /** When set, every Python module requirement is unmet for this reason (the example's venv is not provisioned). */
  readonly #pythonMissing: string | undefined;
  /** When set, the `go` requirement is unmet for this reason (the example's Go modules are not provisioned). */
  readonly #goMissing: string | undefined;

  constructor(options: { env: Record<string, string>; cwd: string; pythonMissing?: string | undefined; goMissing?: string | undefined }) {
    this.#env = options.env;
    this.#cwd = options.cwd;
    this.#pythonMissing = options.pythonMissing;
    this.#goMissing = options.goMissing;
  }

  #once(key: string, probe: () => Promise<string | undefined>): Promise<string | undefined> {
    let result = this.#memo.get(key);
    if (!result) {
      result = probe();
      this.#memo.set(key, result);
    }
    return result;
  }

  async #succeeds(argv: string[]): Promise<boolean> {
    const result = await runProcess({ argv, cwd: this.#cwd, env: this.#env, timeoutMs: 30_000, graceMs: 500 });
    return result.spawnError === undefined && result.exitCode === 0;
  }

  /** Skip reason for a named tool probe (docker, kind, kubectl, helm, node, python3). */
  tool(name: keyof typeof PROBES & string): Promise<string | undefined> {
    const probe = PROBES[name];
    if (!probe) return this.program(name);
    return this.#once(`tool:${name}`, async () => ((await this.#succeeds(probe.argv)) ? undefined : probe.reason));
  }

  /** Skip reason when `name` is not an executable file on PATH. */
  program(name: string): Promise<string | undefined> {
    return this.#once(`program:${name}`, async () => {
      for (const dir of (this.#env['PATH'] ?? '').split(delimiter)) {
        if (!dir) continue;
        try {
          await access(join(dir, name), constants.X_OK);
          return undefined;
        } catch {
          // try the next folder
        }
      }
      return `program ${name} is not on PATH`;
    });
  }

  python(module: string): Promise<string | undefined> {
    return this.#once(`python:${module}`, async () => {
      if (this.#pythonMissing !== undefined) return this.#pythonMissing;
      const missing = await this.tool('python3');
      if (missing) return missing;
      return (await this.#succeeds(['python3', '-c', `import ${module}`])) ? undefined : `python package ${module} is not importable by python3`;
    });
  }

  /** The first reason a requirement is not met in this phase, or undefined. */
  async skipReason(requirement: Requirement, phase: Phase): Promise<string | undefined> {
    if (typeof requirement !== 'string') {
      for (const module of requirement.python) {
        const reason = await this.python(module);
        if (reason) return reason;
      }
      return undefined;
    }
    switch (requirement) {
      case 'python':
        return this.tool('python3');
      case 'cluster':
      case 'kafka':
      case 'dapr': {
        if (phase === 'local') return `needs ${requirement === 'cluster' ? 'a cluster' : requirement}: declare this step under cluster.steps`;
        if (!this.cluster.ready) return this.cluster.reason;
        if (requirement === 'kafka' && !this.cluster.addons.has('strimzi')) return 'no Kafka broker: add strimzi to cluster.addons';
        if (requirement === 'dapr' && !this.cluster.addons.has('dapr')) return 'no Dapr: add dapr to cluster.addons';
        return undefined;
      }
      case 'go':
        return this.#goMissing ?? this.program('go');
      default:
        return PROBES[requirement] ? this.tool(requirement) : this.program(requirement);
    }
  }

  /** The first unmet requirement of a list, or undefined when all are met. */
  async firstSkipReason(requirements: readonly Requirement[], phase: Phase): Promise<string | undefined> {
    for (const requirement of requirements) {
      const reason = await this.skipReason(requirement, phase);
      if (reason) return reason;
    }
    return undefined;
  }
}
