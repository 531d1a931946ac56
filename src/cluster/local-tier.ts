/**
 * How `verify-snippets --cluster local` gets its cluster: the one place where it differs from the kind tier.
 * Finds the provisioned control plane (`npm run runtimes -- install kubernetes`) and kubectl, works out
 * which API groups the examples' applied files and add-ons use, and starts one local control plane with
 * the reference CRDs of those groups installed. Examples that use a group no reference CRD defines are
 * reported back (to be SKIPPED with the reason) instead of failing on "no matches for kind".
 *
 *   const started = await startLocalCluster(examples, { root, env, scratch, log });
 *   // → { ok: true, cluster: { kubeconfig, readyMs, unavailable: Map {}, stop } }
 *   // → { ok: false, skip: true, reason: 'kubernetes 1.36.3 is not installed (…); provision: npm run runtimes -- install kubernetes' }
 */
import { join } from 'node:path';
import { locateRuntime, locateTool, whichProgram } from '../runtimes/locate.ts';
import type { Manifest } from '../verify/manifest.ts';
import { crdsForGroups, findCrdReference, indexCrds, prepareCrds } from './crds.ts';
import { apiGroupsByExample } from './example-groups.ts';
import { ControlPlaneError, startLocalControlPlane } from './local-control-plane.ts';

export const LOCAL_TIER_NAME = 'cluster (control plane, simulated nodes)';

export interface LocalCluster {
  kubeconfig: string;
  readyMs: number;
  /** Example folder → why it cannot run here (a CRD group with no reference definition). */
  unavailable: Map<string, string>;
  stop(): Promise<void>;
}

export type LocalStart = { ok: true; cluster: LocalCluster } | { ok: false; skip: boolean; reason: string };

export interface LocalStartOptions {
  root: string;
  env: Record<string, string>;
  /** A scratch folder the caller removes. */
  scratch: string;
  log: (line: string) => void;
  signal?: AbortSignal | undefined;
  graceMs?: number | undefined;
  nodes?: number | undefined;
}

/** The kubectl the runs use: the one on PATH, else the provisioned one. */
export function findKubectl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const onPath = whichProgram('kubectl', env);
  if (onPath !== undefined) return onPath;
  const provisioned = locateTool('kubectl', { env });
  return provisioned.ready ? provisioned.path : undefined;
}

export async function startLocalCluster(examples: readonly Manifest[], options: LocalStartOptions): Promise<LocalStart> {
  const binaries = locateRuntime('kubernetes', { env: options.env });
  if (!binaries.ready) return { ok: false, skip: true, reason: `${binaries.reason}; provision it with: ${binaries.provision}` };
  const kubectl = findKubectl(options.env);
  if (kubectl === undefined) return { ok: false, skip: true, reason: 'kubectl is not installed; provision it with: npm run runtimes -- install tools' };

  // The API groups each example uses: its applied files' apiVersions and its add-ons' groups.
  const groupsByExample = await apiGroupsByExample(examples, { root: options.root, scratch: options.scratch });
  const allGroups = new Set([...groupsByExample.values()].flatMap((g) => [...g]));
  const unavailable = new Map<string, string>();
  let crdFiles: string[] = [];
  if (allGroups.size > 0) {
    const reference = findCrdReference(options.root, options.env);
    const index = reference.ready ? indexCrds(reference.dir) : [];
    const defined = new Set(index.map((crd) => crd.group));
    for (const [dir, groups] of groupsByExample) {
      const missing = [...groups].filter((group) => !defined.has(group));
      if (missing.length === 0) continue;
      unavailable.set(dir, reference.ready ? `no reference CRD for API group ${missing.join(', ')} in ${reference.dir}` : `needs the CRDs of ${missing.join(', ')}: ${reference.reason}`);
    }
    const needed = crdsForGroups(index, allGroups);
    crdFiles = prepareCrds(needed, join(options.scratch, 'crds'));
    options.log(`cluster: installing ${needed.length} reference CRDs for ${[...allGroups].sort().join(', ')}`);
  }

  try {
    const plane = await startLocalControlPlane({
      binaries,
      kubectl,
      env: options.env,
      log: (line) => options.log(`cluster: ${line}`),
      crdFiles,
      nodes: options.nodes,
      signal: options.signal,
      graceMs: options.graceMs,
    });
    return { ok: true, cluster: { kubeconfig: plane.kubeconfig, readyMs: plane.readyMs, unavailable, stop: plane.stop } };
  } catch (error) {
    if (!(error instanceof ControlPlaneError)) throw error;
    return { ok: false, skip: false, reason: `the local control plane did not start: ${error.message}` };
  }
}
