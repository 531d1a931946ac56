/**
 * How each service of a `verify.yaml` starts on loopback ports and when it counts as healthy: the argv of
 * redis-server, Dapr's placement and scheduler (once per example), each daprd, and an example's own apps; the Kafka broker is the
 * runtimes module's. Pure argv builders are exported for tests; `start*` spawn and wait.
 *
 *   redisArgv('/opt/redis-server', 6400, '/tmp/s/redis')
 *   // → ['/opt/redis-server', '--port', '6400', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp/s/redis']
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { daprdArgs, placementArgs, schedulerArgs } from '../../runtimes/dapr-processes.ts';
import { ServiceStartError, startKafkaBroker } from '../../runtimes/kafka-broker.ts';
import { trackProcessGroup, untrackProcessGroup } from '../process.ts';
import { httpStatus, LOOPBACK, redisPing, tcpOpen, waitHealthy, type Health } from './health.ts';
import type { RuntimePaths } from './locator.ts';
import { spawnService, type ServiceProcess } from './supervisor.ts';

/** How much of a service's log a report shows. */
export const LOG_LINES = 30;

/** The ports one example's services share: Redis and Dapr's control plane (one placement, one scheduler). */
export interface Ports {
  redis: number;
  placement: number;
  placementHealth: number;
  placementRaft: number;
  scheduler: number;
  schedulerHealth: number;
  schedulerEtcd: number;
  schedulerPeer: number;
}

/** The ports of one daprd. */
export interface SidecarPorts {
  http: number;
  grpc: number;
  internal: number;
}

export interface StartContext {
  /** A private folder for this service's data and files. */
  dir: string;
  env: Record<string, string>;
  healthTimeoutMs: number;
  /** Every process started, in order, so the session can stop them all whatever happens. */
  started: ServiceProcess[];
}

export type StartOutcome = { ok: true; ms: number } | { ok: false; reason: string; /** The tail of the failed service's log. */ log: string };

async function launch(context: StartContext, name: string, argv: string[], check: () => Promise<boolean>, cwd = context.dir): Promise<{ health: Health; process: ServiceProcess }> {
  const process = spawnService({ name, argv, cwd, env: context.env, logFile: join(context.dir, `${name.replaceAll(' ', '-')}.log`) });
  context.started.push(process);
  const health = await waitHealthy(check, { timeoutMs: context.healthTimeoutMs, process });
  return { health, process };
}

function outcome(result: { health: Health; process: ServiceProcess }, name: string): StartOutcome {
  return result.health.ok ? { ok: true, ms: result.health.ms } : { ok: false, reason: `${name} ${result.health.reason}`, log: result.process.logTail(LOG_LINES) };
}

export function redisArgv(redisServer: string, port: number, dir: string): string[] {
  return [redisServer, '--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--dir', dir];
}

export async function startRedis(context: StartContext, runtime: RuntimePaths['redis'], ports: Ports): Promise<StartOutcome> {
  return outcome(await launch(context, 'redis', redisArgv(runtime.redisServer, ports.redis, context.dir), () => redisPing(ports.redis)), 'redis');
}

/**
 * The runtimes module's single-node KRaft broker (its own free ports and temporary storage, healthy when a
 * Metadata request lists it). Resolves with the broker's port, for KAFKA_BOOTSTRAP_SERVERS.
 */
export async function startKafka(context: StartContext, runtime: RuntimePaths['kafka']): Promise<StartOutcome & { port?: number }> {
  try {
    const broker = await startKafkaBroker({ classpath: runtime.classpath, java: runtime.java, env: context.env, parentDir: context.dir, timeoutMs: context.healthTimeoutMs });
    const pid = broker.process.pid > 0 ? broker.process.pid : undefined;
    if (pid !== undefined) trackProcessGroup(pid);
    context.started.push({
      name: 'kafka',
      pid,
      exited: broker.process.exited,
      logTail: (lines) => broker.process.logTail(lines),
      async stop() {
        await broker.stop();
        if (pid !== undefined) untrackProcessGroup(pid);
      },
    });
    return { ok: true, ms: Math.round(broker.startToHealthyMs), port: broker.port };
  } catch (error) {
    if (error instanceof ServiceStartError) return { ok: false, reason: error.message.replace(/^kafka: /, 'kafka '), log: error.log };
    throw error;
  }
}

// Dapr's flags live in one place, the runtimes module's start helpers (checked there against the built
// binaries); these add only the binary and the ports this runner chose.
export function placementArgv(runtime: RuntimePaths['dapr'], ports: Ports): string[] {
  return [runtime.placement, ...placementArgs({ port: ports.placement, healthzPort: ports.placementHealth, raftPort: ports.placementRaft })];
}

export function schedulerArgv(runtime: RuntimePaths['dapr'], ports: Ports, dataDir: string): string[] {
  return [
    runtime.scheduler,
    ...schedulerArgs({ port: ports.scheduler, healthzPort: ports.schedulerHealth, etcdClientPort: ports.schedulerEtcd, etcdPeerPort: ports.schedulerPeer, dataDir, identityDir: `${dataDir}-identity` }),
  ];
}

export interface DaprdSettings {
  appId: string;
  /** The app's port when the sidecar calls an app (the runner's free port, APP_PORT). */
  appPort?: number | undefined;
  resourcesPath: string;
  config?: string | undefined;
}

export function daprdArgv(runtime: RuntimePaths['dapr'], ports: Ports, sidecar: SidecarPorts, settings: DaprdSettings): string[] {
  return [
    runtime.daprd,
    ...daprdArgs({
      appId: settings.appId, appPort: settings.appPort, httpPort: sidecar.http, grpcPort: sidecar.grpc, internalGrpcPort: sidecar.internal,
      placementPort: ports.placement, schedulerPort: ports.scheduler, resourcesPath: settings.resourcesPath, config: settings.config, logLevel: 'info',
    }),
  ];
}

/** Dapr's control plane, once per example whatever the number of sidecars: placement, then scheduler. */
export async function startDaprControlPlane(context: StartContext, runtime: RuntimePaths['dapr'], ports: Ports): Promise<StartOutcome> {
  const placement = await launch(context, 'dapr placement', placementArgv(runtime, ports), async () => (await httpStatus(`http://${LOOPBACK}:${ports.placementHealth}/healthz`)) === 200);
  if (!placement.health.ok) return outcome(placement, 'dapr placement');
  const dataDir = join(context.dir, 'scheduler-data');
  await mkdir(dataDir, { recursive: true });
  await mkdir(`${dataDir}-identity`, { recursive: true });
  const scheduler = await launch(context, 'dapr scheduler', schedulerArgv(runtime, ports, dataDir), async () => (await httpStatus(`http://${LOOPBACK}:${ports.schedulerHealth}/healthz`)) === 200);
  if (!scheduler.health.ok) return outcome(scheduler, 'dapr scheduler');
  return { ok: true, ms: placement.health.ms + scheduler.health.ms };
}

/**
 * One sidecar (healthy when `/v1.0/healthz/outbound` answers 204); `name` labels its log ("daprd", "daprd
 * lumen-tools"). It runs in `cwd`, the example's copy, as `dapr run` does in the reader's folder, so a
 * relative path in a component (a local secrets file) means the same in both.
 */
export async function startDaprd(context: StartContext, runtime: RuntimePaths['dapr'], ports: Ports, sidecar: SidecarPorts, settings: DaprdSettings, name = 'daprd', cwd = context.dir): Promise<StartOutcome> {
  const daprd = await launch(context, name, daprdArgv(runtime, ports, sidecar, settings), async () => (await httpStatus(`http://${LOOPBACK}:${sidecar.http}/v1.0/healthz/outbound`)) === 204, cwd);
  return outcome(daprd, name);
}

/** The example's own long-running process: healthy when `health` answers 2xx, or when APP_PORT accepts connections. */
export async function startApp(context: StartContext, argv: string[], cwd: string, port: number, health: string | undefined, name = 'app'): Promise<StartOutcome> {
  const check = health === undefined ? () => tcpOpen(port) : async () => {
    const status = await httpStatus(`http://${LOOPBACK}:${port}${health}`);
    return status !== undefined && status >= 200 && status < 300;
  };
  return outcome(await launch(context, name, argv, check, cwd), name);
}
