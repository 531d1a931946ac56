/**
 * `npm run capstone`: runs every proof of the Part 7 capstone that this machine can run and reports, per
 * requirement, whether it was proved and at which tier. The proofs are verify-snippets checks, so this is
 * one verify-snippets run over the book (cached, like the command itself) folded into the spec.
 *
 *   await mainCapstone(['--check'], { root, stdout, stderr, env })              // → 0: every proof exists
 *   await mainCapstone(['--cluster', 'local'], { root, stdout, stderr, env })   // → 1 if a requirement's proof failed
 */
import { parseArgs } from 'node:util';
import { formatDiagnostic, isBookError } from '../core/diagnostics.ts';
import { verifySnippets, type VerifyDependencies } from '../verify/command.ts';
import { commandDependencies } from '../verify/main.ts';
import type { ClusterMode } from '../verify/cluster/session.ts';
import { proveRequirements } from './prove.ts';
import { formatCapstoneJson, formatCapstoneReport } from './report.ts';
import { loadCapstoneSpec, resolveProofs, SPEC_FILE } from './spec.ts';

export const HELP = `Usage: npm run capstone -- [options]

Runs every proof of the Part 7 capstone (${SPEC_FILE}: each requirement of the chapters' capstones
with the verify-snippets check that proves it) and reports, per requirement, pass / skip / FAIL and the
tier its proof reached: static, local (real runtimes) or cluster. A proof that cannot run here is a skip,
with its reason; never a pass.

Options:
  --check            only check the spec: every proof names an example, step or file that exists (no run)
  --cluster MODE     also run the cluster tier: local (a real control plane with simulated nodes), kind
                     or current, as for verify-snippets
  --jobs N           checks in parallel (default: number of CPUs)
  --no-cache         re-run every check (results are shared with verify-snippets' cache)
  --json             print the report as JSON on stdout (progress stays on stderr)
  -h, --help         show this help

Exit status: 0 no requirement failed, 1 a requirement failed or the spec is wrong, 2 bad options.`;

export interface CapstoneContext {
  root: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  tty?: boolean | undefined;
  columns?: number | undefined;
  handleSignals?: boolean | undefined;
  /** Dependencies instead of the real ones (tests). */
  deps?: Partial<VerifyDependencies> | undefined;
}

const CLUSTER_MODES = ['local', 'kind', 'current'] as const;

export async function mainCapstone(argv: readonly string[], context: CapstoneContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        check: { type: 'boolean' },
        cluster: { type: 'string' },
        jobs: { type: 'string' },
        'no-cache': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    context.stderr(`capstone: ${(error as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    context.stdout(`${HELP}\n`);
    return 0;
  }
  const cluster = values.cluster;
  if (cluster !== undefined && !(CLUSTER_MODES as readonly string[]).includes(cluster)) {
    context.stderr(`capstone: --cluster must be ${CLUSTER_MODES.join(', ')} (got "${cluster}")\nRun with --help for usage.\n`);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
    context.stderr(`capstone: --jobs must be a whole number of at least 1 (got "${values.jobs}")\nRun with --help for usage.\n`);
    return 2;
  }
  try {
    const spec = await loadCapstoneSpec(context.root);
    const resolved = await resolveProofs(context.root, spec);
    if (values.check) {
      const examples = new Set(resolved.map((r) => r.target));
      context.stdout(`capstone: ${spec.file}: ${resolved.length} requirements, every proof found (${examples.size} examples and files)\n`);
      return 0;
    }
    const { deps } = await commandDependencies({ ...context, tty: context.tty ?? false });
    const run = await verifySnippets({ root: context.root, cluster: cluster as ClusterMode | undefined, jobs, cache: !values['no-cache'] }, deps);
    const verdicts = proveRequirements(resolved, run.snippets);
    const report = { spec: spec.file, cluster };
    context.stdout(values.json ? formatCapstoneJson(verdicts, report) : formatCapstoneReport(verdicts, report));
    if (run.interrupted) {
      context.stderr(`capstone: interrupted by ${run.interrupted}; cleaned up.\n`);
      return run.interrupted === 'SIGTERM' ? 143 : 130;
    }
    if (run.exitCode !== 0 && !values.json) context.stderr('capstone: verify-snippets found problems outside the capstone\'s proofs too; npm run verify-snippets shows them.\n');
    return verdicts.some((v) => v.status === 'failed') ? 1 : 0;
  } catch (error) {
    if (isBookError(error)) {
      for (const d of error.diagnostics) context.stderr(`${formatDiagnostic(d)}\n`);
      return 1;
    }
    throw error;
  }
}
