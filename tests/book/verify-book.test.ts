/**
 * The book's own snippets, verified the way a contributor runs `npm run verify-snippets`: every static check,
 * and every manifest step whose tools this machine has. Steps whose tools are missing are skipped with their
 * reason and listed in the output, never counted as passed. Nothing is cached and nothing in the repo is
 * written: steps run in temporary copies.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { verifySnippets, type VerifyRun } from '../../src/verify/command.ts';
import { realDependencies } from '../../src/verify/default-deps.ts';
import { locatePythonEnv } from '../../src/runtimes/locate.ts';
import { countChecks, formatHumanReport } from '../../src/verify/report/human.ts';
import { proveRequirements } from '../../src/capstone/prove.ts';
import { capstoneTotals, formatCapstoneReport } from '../../src/capstone/report.ts';
import { loadCapstoneSpec, resolveProofs } from '../../src/capstone/spec.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let run: VerifyRun;

beforeAll(async () => {
  run = await verifySnippets({ root, cache: false }, realDependencies(process.env));
  const skipped = new Map<string, number>();
  for (const check of run.snippets.flatMap((s) => s.checks)) {
    if (check.status === 'skipped') skipped.set(check.skipReason ?? '?', (skipped.get(check.skipReason ?? '?') ?? 0) + 1);
  }
  const checks = countChecks(run.snippets, run.problems);
  const { tiers } = run.summary;
  console.log(
    [
      `verify-snippets on the book: ${checks.passed} passed, ${checks.failed} failed, ${checks.skipped} skipped (checks)`,
      `${run.snippets.length} files by tier reached: static ${tiers.static}, local ${tiers.local}, cluster ${tiers.cluster}, none ${tiers.none}`,
      ...[...skipped].map(([reason, count]) => `skipped ×${count}: ${reason}`),
    ].join('\n'),
  );
}, 900_000); // the whole book, with real brokers and sidecars: minutes, more on a loaded machine

test('every snippet of the book passes every check this machine can run', () => {
  const errors = run.problems.filter((d) => d.severity === 'error').map(formatDiagnostic);
  expect(errors, 'npm run verify-snippets shows these with hints').toEqual([]);
  expect(countChecks(run.snippets, run.problems).failed, formatHumanReport(run)).toBe(0);
  expect(run.exitCode).toBe(0);
  // Every file gets static checks here; far fewer would mean the checkers silently stopped running.
  expect(countChecks(run.snippets).passed).toBeGreaterThan(run.snippets.length);
  expect(run.summary.tiers.static + run.summary.tiers.local).toBeGreaterThan(run.snippets.length * 0.9);
});

// The Part 7 capstone folded from the same run (what `npm run capstone` prints, without the cluster tier):
// no requirement's proof may fail, and every proof that did not run says why.
test('no requirement of the Part 7 capstone fails, and each one not proved here says why', async () => {
  const spec = await loadCapstoneSpec(root);
  const verdicts = proveRequirements(await resolveProofs(root, spec), run.snippets);
  const totals = capstoneTotals(verdicts);
  console.log(`capstone: ${totals.requirements} requirements, ${totals.passed} proved (static ${totals.byTier.static}, local ${totals.byTier.local}), ${totals.skipped} not proved here, ${totals.failed} failed`);
  expect(totals.failed, formatCapstoneReport(verdicts, { spec: spec.file })).toBe(0);
  for (const verdict of verdicts.filter((v) => v.status === 'skipped')) expect(verdict.reason, verdict.id).toBeTruthy();
  // Most proofs are local steps against real runtimes; far fewer proved would mean the runtimes went missing.
  if (lumenVenv.ready) expect(totals.byTier.local, formatCapstoneReport(verdicts, { spec: spec.file })).toBeGreaterThan(totals.requirements / 2);
});

// Lumen's steps run in the venv made from the example's own lock (verify.yaml `requirements:`), not the
// machine's python3; so the gate is whether that venv is provisioned, and where it is, the steps must pass.
const lumenVenv = locatePythonEnv('snippets/50-fastapi/lumen/requirements-dev.lock', { env: process.env, root });

describe.skipIf(!lumenVenv.ready)(`where Lumen's venv is provisioned (${lumenVenv.ready ? 'it is' : `${lumenVenv.reason}; ${lumenVenv.provision}`})`, () => {
  test("Lumen's API tests and its smoke run against a real server ran and passed", () => {
    const lumen = run.snippets.filter((s) => s.example === 'snippets/50-fastapi/lumen');
    const steps = new Map(lumen.flatMap((s) => s.checks).filter((c) => c.tier === 'local').map((c) => [c.name, c]));
    for (const name of ['step: api-tests', 'step: smoke', 'step: settings-tests']) {
      expect(steps.get(name)?.status, `${name}: ${steps.get(name)?.skipReason ?? ''}`).toBe('passed');
    }
    expect(lumen.filter((s) => s.reached === 'local').length, 'files of the example that reached the local tier').toBe(lumen.length);
  });
});
