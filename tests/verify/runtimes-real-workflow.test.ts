/**
 * A Dapr workflow against the REAL runtime (issue 10's fixture "workflow with a retry"): the fixture
 * `fixtures/runtimes/snippets/56-runtimes/dapr-workflow` runs a workflow whose activity fails once and
 * succeeds on the retry its RetryPolicy allows, through daprd (with placement and scheduler) on
 * redis-server, using the Dapr Python SDK from its locked venv. The step checks its own result. Afterwards
 * no process of the run may be left: none whose command line names the fixture's app id or script.
 * Without Dapr, Redis or the venv the test is skipped with the reason and the provisioning command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySnippets } from '../../src/verify/command.ts';
import { moduleLocator } from '../../src/verify/services/locator.ts';
import { cleanupFixtures, copyFixture, fakeDependencies } from './helpers.ts';

afterAll(cleanupFixtures);

const EXAMPLE = '56-runtimes/dapr-workflow';
const LOCK = fileURLToPath(new URL(`./fixtures/runtimes/snippets/${EXAMPLE}/requirements.lock`, import.meta.url));
const MARKERS = ['retry-fixture-wf', 'retry_workflow.py'];

const locator = moduleLocator();
async function missing(): Promise<string | undefined> {
  for (const name of ['redis', 'dapr'] as const) {
    const found = await locator.runtime(name, { env: process.env });
    if (!found.ready) return `${found.reason}: run \`${found.provision}\``;
  }
  const venv = await locator.pythonEnv(LOCK, { env: process.env });
  return venv.ready ? undefined : `${venv.reason}: run \`${venv.provision}\``;
}

/** Command lines of live processes that mention one of the fixture's markers. */
function leftovers(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // the process ended while we looked
    }
    if (MARKERS.some((marker) => cmdline.includes(marker))) found.push(`${pid}: ${cmdline.trim()}`);
  }
  return found;
}

const reason = await missing();

describe('a Dapr workflow through the real sidecar', () => {
  it.skipIf(reason !== undefined)(`workflow with a retry: the activity fails once and succeeds on retry${reason ? ` — SKIPPED: ${reason}` : ''}`, async () => {
    expect(leftovers()).toEqual([]); // nothing of an earlier run may be mistaken for this one's
    const root = await copyFixture('runtimes');
    const logs: string[] = [];
    const progress = { start() {}, begin() {}, end() {}, finish() {}, log: (line: string) => logs.push(line) };
    const run = await verifySnippets({ root, snippet: EXAMPLE, cache: false, jobs: 1 }, fakeDependencies({ progress, serviceHealthTimeoutMs: 120_000 }));
    const checks = run.snippets.flatMap((s) => s.checks).filter((c) => c.tier === 'local');
    const unique = [...new Map(checks.map((c) => [c.name, c])).values()];
    expect(unique.map((c) => [c.name, c.status, c.status === 'passed' ? '' : `${c.skipReason ?? ''}${c.detail ?? ''}${c.diagnostics.map((d) => d.message).join()}`])).toEqual([
      ['step: workflow with a retry', 'passed', ''],
    ]);
    expect(logs.some((l) => /dapr: healthy in \d+\.\d s$/.test(l))).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 240_000);
});
