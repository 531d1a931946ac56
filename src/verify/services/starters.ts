/**
 * How each service of a `verify.yaml` starts on loopback ports and when it counts as healthy: the argv of
 * redis-server, the Kafka broker (storage formatted in the service folder), Dapr's placement, scheduler and
 * daprd, and an example's own app. Pure argv builders are exported for tests; `start*` spawn and wait.
 *
 *   redisArgv('/opt/redis-server', 6400, '/tmp/s/redis')
 *   // → ['/opt/redis-server', '--port', '6400', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp/s/redis']
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpStatus, kafkaMetadata, LOOPBACK, redisPing, tcpOpen, waitHealthy, type Health } from './health.ts';
import type { RuntimePaths } from './locator.ts';
import { spawnService, type ServiceProcess } from './supervisor.ts';

export interface Ports {
  redis: number;
  kafka: number;
  kafkaController: number;
  app: number;
  placement: number;
  placementHealth: number;
  placementRaft: number;
  scheduler: number;
  schedulerHealth: number;
  schedulerEtcd: number;
  schedulerPeer: number;
  daprHttp: number;
  daprGrpc: number;
  daprInternal: number;
}

export interface StartContext {
  /** A private folder for this service's data and files. */
  dir: string;
  env: Record<string, string>;
  healthTimeoutMs: number;
  /** Every process started, in order, so the session can stop them all whatever happens. */
  started: ServiceProcess[];
}

export type StartOutcome = { ok: true; ms: number } | { ok: false; reason: string; process: ServiceProcess | undefined };

async function launch(context: StartContext, name: string, argv: string[], check: () => Promise<boolean>, cwd = context.dir): Promise<{ health: Health; process: ServiceProcess }> {
  const process = spawnService({ name, argv, cwd, env: context.env });
  context.started.push(process);
  const health = await waitHealthy(check, { timeoutMs: context.healthTimeoutMs, process });
  return { health, process };
}

function outcome(result: { health: Health; process: ServiceProcess }, name: string): StartOutcome {
  return result.health.ok ? { ok: true, ms: result.health.ms } : { ok: false, reason: `${name} ${result.health.reason}`, process: result.process };
}

export function redisArgv(redisServer: string, port: number, dir: string): string[] {
  return [redisServer, '--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--dir', dir];
}

export async function startRedis(context: StartContext, runtime: RuntimePaths['redis'], ports: Ports): Promise<StartOutcome> {
  return outcome(await launch(context, 'redis', redisArgv(runtime.redisServer, ports.redis, context.dir), () => redisPing(ports.redis)), 'redis');
}

/** server.properties of a single-node KRaft broker (broker and controller in one process) on loopback. */
export function kafkaProperties(ports: Pick<Ports, 'kafka' | 'kafkaController'>, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${LOOPBACK}:${ports.kafkaController}`,
    `listeners=PLAINTEXT://${LOOPBACK}:${ports.kafka},CONTROLLER://${LOOPBACK}:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://${LOOPBACK}:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    '',
  ].join('\n');
}

export async function startKafka(context: StartContext, runtime: RuntimePaths['kafka'], ports: Ports): Promise<StartOutcome> {
  const logDir = join(context.dir, 'data');
  const config = join(context.dir, 'server.properties');
  await mkdir(logDir, { recursive: true });
  await writeFile(config, kafkaProperties(ports, logDir));
  const classpath = `${runtime.classpath}/*`;
  const jvm = [runtime.java, '-Xms256m', '-Xmx768m', '-XX:+UseSerialGC', '-cp', classpath];
  const clusterId = randomBytes(16).toString('base64url');
  const format = spawnService({ name: 'kafka storage format', argv: [...jvm, 'kafka.tools.StorageTool', 'format', '--config', config, '--cluster-id', clusterId, '--ignore-formatted'], cwd: context.dir, env: context.env });
  context.started.push(format);
  await format.done;
  if (format.exited?.code !== 0) return { ok: false, reason: `kafka storage format ${format.exited?.error ?? `exited with status ${String(format.exited?.code)}`}`, process: format };
  return outcome(await launch(context, 'kafka', [...jvm, 'kafka.Kafka', config], () => kafkaMetadata(ports.kafka)), 'kafka');
}

export function placementArgv(runtime: RuntimePaths['dapr'], ports: Ports): string[] {
  return [runtime.placement, '--port', String(ports.placement), '--healthz-port', String(ports.placementHealth), '--initial-cluster', `dapr-placement-0=${LOOPBACK}:${ports.placementRaft}`, '--enable-metrics=false', '--log-level', 'info'];
}

export function schedulerArgv(runtime: RuntimePaths['dapr'], ports: Ports, dataDir: string): string[] {
  return [
    runtime.scheduler,
    '--port', String(ports.scheduler),
    '--healthz-port', String(ports.schedulerHealth),
    '--listen-address', LOOPBACK,
    '--etcd-data-dir', dataDir,
    '--etcd-client-ports', `dapr-scheduler-server-0=${ports.schedulerEtcd}`,
    '--initial-cluster', `dapr-scheduler-server-0=http://${LOOPBACK}:${ports.schedulerPeer}`,
    '--enable-metrics=false',
    '--log-level', 'info',
  ];
}

export interface DaprdSettings {
  appId: string;
  /** The app's port when the example has an app (the runner's free port, APP_PORT). */
  appPort?: number | undefined;
  resourcesPath: string;
  config?: string | undefined;
}

export function daprdArgv(runtime: RuntimePaths['dapr'], ports: Ports, settings: DaprdSettings): string[] {
  return [
    runtime.daprd,
    '--app-id', settings.appId,
    '--dapr-http-port', String(ports.daprHttp),
    '--dapr-grpc-port', String(ports.daprGrpc),
    '--dapr-internal-grpc-port', String(ports.daprInternal),
    '--dapr-listen-addresses', LOOPBACK,
    '--placement-host-address', `${LOOPBACK}:${ports.placement}`,
    '--scheduler-host-address', `${LOOPBACK}:${ports.scheduler}`,
    '--resources-path', settings.resourcesPath,
    ...(settings.config ? ['--config', settings.config] : []),
    ...(settings.appPort !== undefined ? ['--app-port', String(settings.appPort), '--app-channel-address', LOOPBACK] : []),
    '--enable-metrics=false',
    '--log-level', 'info',
  ];
}

/** Placement, scheduler, then daprd (healthy when `/v1.0/healthz/outbound` answers 204). */
export async function startDapr(context: StartContext, runtime: RuntimePaths['dapr'], ports: Ports, settings: DaprdSettings): Promise<StartOutcome> {
  const placement = await launch(context, 'dapr placement', placementArgv(runtime, ports), async () => (await httpStatus(`http://${LOOPBACK}:${ports.placementHealth}/healthz`)) === 200);
  if (!placement.health.ok) return outcome(placement, 'dapr placement');
  const dataDir = join(context.dir, 'scheduler-data');
  await mkdir(dataDir, { recursive: true });
  const scheduler = await launch(context, 'dapr scheduler', schedulerArgv(runtime, ports, dataDir), async () => (await httpStatus(`http://${LOOPBACK}:${ports.schedulerHealth}/healthz`)) === 200);
  if (!scheduler.health.ok) return outcome(scheduler, 'dapr scheduler');
  const daprd = await launch(context, 'daprd', daprdArgv(runtime, ports, settings), async () => (await httpStatus(`http://${LOOPBACK}:${ports.daprHttp}/v1.0/healthz/outbound`)) === 204);
  if (!daprd.health.ok) return outcome(daprd, 'daprd');
  return { ok: true, ms: placement.health.ms + scheduler.health.ms + daprd.health.ms };
}

/** The example's own long-running process: healthy when `health` answers 2xx, or when APP_PORT accepts connections. */
export async function startApp(context: StartContext, argv: string[], cwd: string, ports: Ports, health: string | undefined): Promise<StartOutcome> {
  const check = health === undefined ? () => tcpOpen(ports.app) : async () => {
    const status = await httpStatus(`http://${LOOPBACK}:${ports.app}${health}`);
    return status !== undefined && status >= 200 && status < 300;
  };
  return outcome(await launch(context, 'app', argv, check, cwd), 'app');
}
