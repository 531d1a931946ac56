/**
 * Issue 10's fixture "actor with a reminder", against the REAL Dapr runtime: a tiny actor host (standard
 * library HTTP), daprd with placement and scheduler, and Redis as the actor state store. The step registers
 * a reminder through daprd and waits until the app has received it; afterwards no process the run started
 * may be left. Skipped, with the reason and the provisioning command in its title, when Redis or Dapr is
 * not provisioned.
 */
import { mkdtemp, readdir, readlink, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySnippets } from '../../src/verify/command.ts';
import { moduleLocator, type RuntimeName } from '../../src/verify/services/locator.ts';
import { cleanupFixtures, copyFixture, fakeDependencies } from './helpers.ts';

afterAll(cleanupFixtures);

const locator = moduleLocator();
async function missing(names: RuntimeName[]): Promise<string | undefined> {
  for (const name of names) {
    const found = await locator.runtime(name, { env: process.env });
    if (!found.ready) return `${found.reason}: run \`${found.provision}\``;
  }
  return undefined;
}

/** Processes whose command line or working folder lies under `dir` (Linux /proc; none elsewhere). */
async function processesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir('/proc').catch(() => [] as string[]);
  for (const pid of entries.filter((e) => /^\d+$/.test(e))) {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    if (cmdline.includes(dir) || cwd.startsWith(dir)) found.push(`${pid} ${cmdline.trim()}`);
  }
  return found;
}

const reason = await missing(['redis', 'dapr']);

describe('actors against the real Dapr runtime', () => {
  it.skipIf(reason !== undefined)(`an actor with a reminder: registered through daprd, observed firing, every process gone afterwards${reason ? ` — SKIPPED: ${reason}` : ''}`, async () => {
    const root = await copyFixture('runtimes');
    // A private temporary folder for this run's services, so "every process gone" looks only at ours.
    const scratch = await mkdtemp(join(tmpdir(), 'actors-real-'));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = scratch;
    const logs: string[] = [];
    const progress = { start() {}, begin() {}, end() {}, finish() {}, log: (line: string) => logs.push(line) };
    try {
      const run = await verifySnippets({ root, snippet: '56-runtimes/dapr-actor-reminder', cache: false, jobs: 1 }, fakeDependencies({ progress, serviceHealthTimeoutMs: 120_000 }));
      const local = [...new Map(run.snippets.flatMap((s) => s.checks).filter((c) => c.tier === 'local').map((c) => [c.name, c])).values()];
      expect(local.map((c) => [c.name, c.status, c.status === 'passed' ? '' : `${c.skipReason ?? ''}${c.detail ?? ''}${c.diagnostics.map((d) => d.message).join()}`])).toEqual([['step: reminder fires', 'passed', '']]);
      for (const service of ['redis', 'app', 'dapr']) expect(logs.some((l) => new RegExp(`: ${service}: healthy in \\d+\\.\\d s$`).test(l)), service).toBe(true);
      expect(await processesUnder(scratch)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
      await rm(scratch, { recursive: true, force: true });
    }
  }, 240_000);
});
