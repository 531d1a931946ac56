/**
 * The fixture examples of `fixtures/runtimes/` against the REAL runtimes (redis-server from Debian, the Kafka
 * broker and the Python venvs of `npm run runtimes -- install`, daprd when it is built). Each test that lacks
 * its runtime is skipped, with the reason and the provisioning command in its title, never passed.
 */
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

async function runExample(example: string) {
  const root = await copyFixture('runtimes');
  const logs: string[] = [];
  const progress = { start() {}, begin() {}, end() {}, finish() {}, log: (line: string) => logs.push(line) };
  const run = await verifySnippets({ root, snippet: `56-runtimes/${example}`, cache: false, jobs: 1 }, fakeDependencies({ progress, serviceHealthTimeoutMs: 120_000 }));
  const checks = run.snippets.flatMap((s) => s.checks).filter((c) => c.tier === 'local');
  const unique = [...new Map(checks.map((c) => [c.name, c])).values()];
  return { unique, logs };
}

const EXAMPLES: { example: string; runtimes: RuntimeName[]; what: string }[] = [
  { example: 'redis', runtimes: ['redis'], what: 'a Redis set/get/incr round trip on redis-server' },
  { example: 'kafka', runtimes: ['kafka'], what: 'a Kafka produce/consume round trip with a consumer group (confluent-kafka in a locked venv)' },
  { example: 'dapr-state', runtimes: ['redis', 'dapr'], what: 'a Dapr state save/get through daprd on Redis' },
  { example: 'dapr-pubsub', runtimes: ['redis', 'dapr'], what: 'a Dapr pub/sub round trip through daprd on Redis to a subscribing app' },
];

const reasons = new Map<string, string | undefined>();
for (const { example, runtimes } of EXAMPLES) reasons.set(example, await missing(runtimes));

describe('services against the real runtimes', () => {
  for (const { example, what } of EXAMPLES) {
    const reason = reasons.get(example);
    it.skipIf(reason !== undefined)(`${what}${reason ? ` — SKIPPED: ${reason}` : ''}`, async () => {
      const { unique, logs } = await runExample(example);
      expect(unique.map((c) => [c.name, c.status, c.status === 'passed' ? '' : `${c.skipReason ?? ''}${c.detail ?? ''}${c.diagnostics.map((d) => d.message).join()}`])).toEqual(
        unique.map((c) => [c.name, 'passed', '']),
      );
      expect(unique.length).toBeGreaterThan(0);
      expect(logs.some((l) => / healthy in \d+\.\d s$/.test(l))).toBe(true);
    }, 240_000);
  }
});
