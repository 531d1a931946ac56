/**
 * Against the real Kafka from the cache: a single-node KRaft broker starts, a produce/consume round trip
 * with a consumer group goes through Kafka's own console tools, and stopping leaves no process behind.
 * Skipped (never passed) when Kafka is not provisioned.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newClusterId, serverProperties, startKafkaBroker } from '../../src/runtimes/kafka-broker.ts';
import { locateRuntime } from '../../src/runtimes/locate.ts';
import { groupAlive } from '../../src/runtimes/service-process.ts';
import { runProcess } from '../../src/verify/process.ts';

const kafka = locateRuntime('kafka', { env: process.env });
const skipReason = kafka.ready ? undefined : `${kafka.reason}; provision with: ${kafka.provision}`;

describe('kafka broker helper (pure parts)', () => {
  it('makes cluster ids Kafka accepts: 22 URL-safe base64 characters, never starting with -', () => {
    for (let i = 0; i < 200; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });

  it('writes a combined broker+controller config on loopback with replication factor 1', () => {
    const text = serverProperties({ port: 9092, controllerPort: 9093, dataDir: '/tmp/k' });
    expect(text).toContain('process.roles=broker,controller\n');
    expect(text).toContain('listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\n');
    expect(text).toContain('controller.quorum.voters=1@127.0.0.1:9093\n');
    expect(text).toContain('offsets.topic.replication.factor=1\n');
    expect(text).toContain('transaction.state.log.replication.factor=1\n');
  });
});

describe.skipIf(skipReason !== undefined)(`real Kafka broker${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('starts, round-trips two records through a consumer group, and stops without leftovers', async () => {
    if (!kafka.ready) return;
    const broker = await startKafkaBroker({ classpath: kafka.classpath, java: kafka.java });
    const cp = join(kafka.classpath, '*');
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' };
    const jvm = [kafka.java, '-Xmx256m', '-cp', cp];
    try {
      expect(broker.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
      const produce = await runProcess({
        argv: [...jvm, 'org.apache.kafka.tools.ConsoleProducer', '--bootstrap-server', broker.bootstrap, '--topic', 'lumen-questions'],
        cwd: broker.dir, env, timeoutMs: 120_000, stdin: 'what is a pod?\nwhat is a sidecar?\n',
      });
      expect(produce.exitCode, produce.combined).toBe(0);
      const consume = await runProcess({
        argv: [...jvm, 'org.apache.kafka.tools.consumer.ConsoleConsumer', '--bootstrap-server', broker.bootstrap, '--topic', 'lumen-questions',
          '--group', 'lumen-workers', '--from-beginning', '--max-messages', '2', '--timeout-ms', '60000'],
        cwd: broker.dir, env, timeoutMs: 120_000,
      });
      expect(consume.exitCode, consume.combined).toBe(0);
      expect(consume.stdout.trim().split('\n')).toEqual(['what is a pod?', 'what is a sidecar?']);
    } finally {
      await broker.stop();
    }
    expect(groupAlive(broker.process.pid)).toBe(false);
  }, 400_000);
});
