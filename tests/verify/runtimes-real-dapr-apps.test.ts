/**
 * Two Dapr apps in one example against the REAL runtimes: redis-server, one placement and one scheduler, and
 * a daprd per app, each app calling the other through its own sidecar (service invocation). Skipped, with
 * the reason and the provisioning command in its title, when Redis or Dapr is not provisioned.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { verifySnippets } from '../../src/verify/command.ts';
import { moduleLocator } from '../../src/verify/services/locator.ts';
import { cleanupFixtures, copyFixture, fakeDependencies } from './helpers.ts';

afterAll(cleanupFixtures);

const locator = moduleLocator();
let reason: string | undefined;
for (const name of ['redis', 'dapr'] as const) {
  const found = await locator.runtime(name, { env: process.env });
  if (!found.ready && reason === undefined) reason = `${found.reason}: run \`${found.provision}\``;
}

describe('several Dapr apps against the real runtimes', () => {
  it.skipIf(reason !== undefined)(`service invocation between two apps, each with its own daprd${reason ? ` — SKIPPED: ${reason}` : ''}`, async () => {
    const root = await copyFixture('runtimes');
    const logs: string[] = [];
    const progress = { start() {}, begin() {}, end() {}, finish() {}, log: (line: string) => logs.push(line) };
    const run = await verifySnippets({ root, snippet: '56-runtimes/dapr-apps', cache: false, jobs: 1 }, fakeDependencies({ progress, serviceHealthTimeoutMs: 120_000 }));
    const checks = run.snippets.find((s) => s.path.endsWith('/invoke.py'))?.checks.filter((c) => c.tier === 'local') ?? [];
    expect(checks.map((c) => [c.name, c.status, c.status === 'passed' ? '' : `${c.skipReason ?? ''}${c.detail ?? ''}${c.diagnostics.map((d) => d.message).join()}`])).toEqual([['step: invoke across two sidecars', 'passed', '']]);
    for (const label of ['redis', 'app caller', 'app callee', 'dapr caller', 'dapr callee']) expect(logs.some((l) => l.endsWith(`: ${label}: starting…`))).toBe(true);
    expect(logs.filter((l) => / healthy in \d+\.\d s$/.test(l))).toHaveLength(5);
  }, 240_000);
});
