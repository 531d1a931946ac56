/**
 * A throwaway single-node Kafka (KRaft: broker and controller in one JVM) on 127.0.0.1 free ports.
 * Storage is formatted in a temporary folder with a fresh cluster id; internal topics use replication
 * factor 1. `startKafkaBroker` returns once the broker answers a Metadata request listing itself; `stop()`
 * ends the JVM's whole process group and removes the folder.
 *
 *   const kafka = locateRuntime('kafka', { env });
 *   if (kafka.ready) {
 *     const broker = await startKafkaBroker({ classpath: kafka.classpath, java: kafka.java });
 *     // … KAFKA_BOOTSTRAP_SERVERS=broker.bootstrap …
 *     await broker.stop();
 *   }
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitUntil } from './free-port.ts';
import { startService, type ServiceProcess } from './service-process.ts';

export interface KafkaBrokerOptions {
  /** Folder of Kafka's jars (locateRuntime('kafka').classpath). */
  classpath: string;
  java: string;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Parent of the temporary folder (default: the OS temp dir). */
  parentDir?: string | undefined;
  timeoutMs?: number | undefined;
  heap?: string | undefined;
}

export interface KafkaBroker {
  bootstrap: string;
  port: number;
  controllerPort: number;
  clusterId: string;
  dir: string;
  process: ServiceProcess;
  /** Milliseconds from spawning the JVM to the first good Metadata answer. */
  startToHealthyMs: number;
  stop: () => Promise<void>;
}

export class ServiceStartError extends Error {
  readonly log: string;
  constructor(message: string, log: string) {
    super(message);
    this.name = 'ServiceStartError';
    this.log = log;
  }
}

/** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function serverProperties(o: { port: number; controllerPort: number; dataDir: string }): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${o.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${o.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${o.dataDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    '',
  ].join('\n');
}

const LOG4J2 = [
  'status = warn',
  'appender.out.type = Console',
  'appender.out.name = OUT',
  'appender.out.layout.type = PatternLayout',
  'appender.out.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = INFO',
  'rootLogger.appenderRef.out.ref = OUT',
  'logger.kafka.name = kafka',
  'logger.kafka.level = INFO',
  '',
].join('\n');

export function javaArgs(classpath: string, dir: string, heap: string): string[] {
  return [
    `-Xms128m`, `-Xmx${heap}`, '-XX:+UseG1GC', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`, `-Dkafka.logs.dir=${join(dir, 'logs')}`,
    '-cp', join(classpath, '*'),
  ];
}

/**
 * Sends Metadata v4 (all topics) and resolves with the number of brokers in the answer. Kafka 4 answers
 * Metadata v4 and later (KIP-896 removed v0–v3).
 */
export function metadataBrokerCount(port: number, timeoutMs = 2000): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const socket = new Socket();
    const clientId = Buffer.from('book-runtimes');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let o = 0;
    o = body.writeInt16BE(3, o); // api key: Metadata
    o = body.writeInt16BE(4, o); // api version
    o = body.writeInt32BE(1, o); // correlation id
    o = body.writeInt16BE(clientId.length, o);
    o += clientId.copy(body, o);
    o = body.writeInt32BE(-1, o); // topics: null = all
    body.writeInt8(0, o); // allow_auto_topic_creation
    const frame = Buffer.alloc(4);
    frame.writeInt32BE(body.length);
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('metadata: no answer'));
    }, timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (received.length < 4 + size) return;
      clearTimeout(timer);
      socket.destroy();
      // size(4) correlation_id(4) throttle_time_ms(4) brokers: count(4)
      if (size < 12) reject(new Error('metadata: short answer'));
      else resolvePromise(received.readInt32BE(12));
    });
    socket.connect(port, '127.0.0.1', () => socket.write(Buffer.concat([frame, body])));
  });
}

async function runToEnd(argv: string[], dir: string, env: Readonly<Record<string, string | undefined>>, logFile: string, timeoutMs: number): Promise<string | undefined> {
  const p = startService({ argv, cwd: dir, env, logFile });
  const reason = await waitUntil(async () => p.exited() !== undefined, { timeoutMs, intervalMs: 100 });
  if (reason !== undefined) {
    await p.stop(1000);
    return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  }
  const exit = p.exited();
  await p.stop(1000);
  return exit === 'exited with code 0' ? undefined : exit;
}

export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<KafkaBroker> {
  const env = { ...(options.env ?? process.env), KAFKA_HEAP_OPTS: undefined, KAFKA_OPTS: undefined };
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'kafka-'));
  const [port, controllerPort] = (await freePorts(2)) as [number, number];
  const clusterId = newClusterId();
  const config = join(dir, 'server.properties');
  writeFileSync(config, serverProperties({ port, controllerPort, dataDir: join(dir, 'data') }));
  writeFileSync(join(dir, 'log4j2.properties'), LOG4J2);
  const logFile = join(dir, 'kafka.log');
  const jvm = [options.java, ...javaArgs(options.classpath, dir, options.heap ?? '512m')];

  const formatFailure = await runToEnd([...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config], dir, env, logFile, timeoutMs);
  if (formatFailure !== undefined) {
    const log = readFileSync(logFile, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    throw new ServiceStartError(`kafka: formatting storage failed (${formatFailure})`, log);
  }

  const started = performance.now();
  const broker = startService({ argv: [...jvm, 'kafka.Kafka', config], cwd: dir, env, logFile });
  const failure = await waitUntil(async () => (await metadataBrokerCount(port)) >= 1, {
    timeoutMs,
    intervalMs: 250,
    giveUp: () => {
      const exit = broker.exited();
      return exit === undefined ? undefined : `the broker ${exit}`;
    },
  });
  const startToHealthyMs = performance.now() - started;
  const stop = async () => {
    await broker.stop(15_000);
    rmSync(dir, { recursive: true, force: true });
  };
  if (failure !== undefined) {
    const log = broker.logTail(40);
    await stop();
    throw new ServiceStartError(`kafka: broker on 127.0.0.1:${port} did not become healthy: ${failure}`, log);
  }
  return { bootstrap: `127.0.0.1:${port}`, port, controllerPort, clusterId, dir, process: broker, startToHealthyMs, stop };
}
