/**
 * Dapr in self-hosted mode for one app, as `dapr init --slim` + `dapr run` would set it up, but on free
 * 127.0.0.1 ports and temporary folders: placement (actor placement, in-memory Raft), scheduler (jobs,
 * reminders, workflows; embedded etcd with its data in the temporary folder) and daprd pointed at both.
 * Metrics are off, so nothing binds :9090. Every process runs in its own group; `stop()` ends daprd first,
 * then the control plane, and removes the folder.
 *
 * The flags that work with Dapr 1.18 (see the argv builders below):
 *   placement --port P --listen-address 127.0.0.1 --healthz-port H --healthz-listen-address 127.0.0.1
 *             --initial-cluster dapr-placement-0=127.0.0.1:RAFT --enable-metrics=false
 *   scheduler --port S --listen-address 127.0.0.1 --healthz-port H --healthz-listen-address 127.0.0.1
 *             --etcd-data-dir DIR --etcd-client-port C --etcd-client-listen-address 127.0.0.1
 *             --etcd-initial-cluster dapr-scheduler-server-0=http://127.0.0.1:PEER --enable-metrics=false
 *   daprd     --mode standalone --app-id ID [--app-port N] --dapr-http-port HTTP --dapr-grpc-port GRPC
 *             --dapr-internal-grpc-port I --dapr-listen-addresses 127.0.0.1
 *             --placement-host-address 127.0.0.1:P --scheduler-host-address 127.0.0.1:S
 *             --resources-path DIR [--config FILE] --enable-metrics=false
 * daprd is healthy when GET /v1.0/healthz/outbound answers 2xx (its components are loaded; the app
 * itself may not be up yet).
 *
 *   const dapr = locateRuntime('dapr', { env });
 *   const sidecar = await startDapr({ binaries: dapr, appId: 'lumen', resourcesPath: './components' });
 *   // DAPR_HTTP_PORT=sidecar.httpPort DAPR_GRPC_PORT=sidecar.grpcPort
 *   await sidecar.stop();
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitUntil } from './free-port.ts';
import { ServiceStartError } from './kafka-broker.ts';
import { startService, type ServiceProcess } from './service-process.ts';

export interface DaprBinaries {
  daprd: string;
  placement: string;
  scheduler: string;
}

export interface DaprOptions {
  binaries: DaprBinaries;
  appId: string;
  appPort?: number | undefined;
  /** Folder of component (and other resource) YAML. */
  resourcesPath: string;
  /** A Dapr Configuration file. */
  config?: string | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  parentDir?: string | undefined;
  timeoutMs?: number | undefined;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | undefined;
}

export interface DaprProcesses {
  appId: string;
  httpPort: number;
  grpcPort: number;
  placementPort: number;
  schedulerPort: number;
  dir: string;
  processes: { placement: ServiceProcess; scheduler: ServiceProcess; daprd: ServiceProcess };
  startToHealthyMs: number;
  /** Last lines of each process's log, for a failure report. */
  logTail: (lines?: number) => string;
  stop: () => Promise<void>;
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

export function placementArgs(p: { port: number; healthzPort: number; raftPort: number }): string[] {
  return [
    '--port', String(p.port), '--listen-address', '127.0.0.1',
    '--healthz-port', String(p.healthzPort), '--healthz-listen-address', '127.0.0.1',
    '--initial-cluster', `dapr-placement-0=127.0.0.1:${p.raftPort}`, '--enable-metrics=false', '--log-level', 'info',
  ];
}

export function schedulerArgs(s: { port: number; healthzPort: number; etcdClientPort: number; etcdPeerPort: number; dataDir: string; identityDir: string }): string[] {
  return [
    '--port', String(s.port), '--listen-address', '127.0.0.1',
    '--healthz-port', String(s.healthzPort), '--healthz-listen-address', '127.0.0.1',
    '--etcd-data-dir', s.dataDir, '--etcd-client-port', String(s.etcdClientPort), '--etcd-client-listen-address', '127.0.0.1',
    '--etcd-initial-cluster', `dapr-scheduler-server-0=http://127.0.0.1:${s.etcdPeerPort}`,
    '--identity-directory-write', s.identityDir, '--enable-metrics=false', '--log-level', 'info',
  ];
}

export function daprdArgs(d: {
  appId: string; appPort?: number | undefined; httpPort: number; grpcPort: number; internalGrpcPort: number;
  placementPort: number; schedulerPort: number; resourcesPath: string; config?: string | undefined; logLevel: string;
}): string[] {
  return [
    '--mode', 'standalone', '--app-id', d.appId,
    ...(d.appPort === undefined ? [] : ['--app-port', String(d.appPort), '--app-channel-address', '127.0.0.1']),
    '--dapr-http-port', String(d.httpPort), '--dapr-grpc-port', String(d.grpcPort), '--dapr-internal-grpc-port', String(d.internalGrpcPort),
    '--dapr-listen-addresses', '127.0.0.1',
    '--placement-host-address', `127.0.0.1:${d.placementPort}`, '--scheduler-host-address', `127.0.0.1:${d.schedulerPort}`,
    '--resources-path', d.resourcesPath, ...(d.config === undefined ? [] : ['--config', d.config]),
    '--enable-metrics=false', '--log-level', d.logLevel,
  ];
}

export async function startDapr(options: DaprOptions): Promise<DaprProcesses> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 90_000;
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'dapr-'));
  const ports = (await freePorts(11)) as [number, number, number, number, number, number, number, number, number, number, number];
  const [placementPort, placementHealthz, raftPort, schedulerPort, schedulerHealthz, etcdClientPort, etcdPeerPort, httpPort, grpcPort, internalGrpcPort] = ports;
  mkdirSync(join(dir, 'identity'));
  const started = performance.now();
  const placement = startService({ argv: [options.binaries.placement, ...placementArgs({ port: placementPort, healthzPort: placementHealthz, raftPort })], cwd: dir, env, logFile: join(dir, 'placement.log') });
  const scheduler = startService({
    argv: [options.binaries.scheduler, ...schedulerArgs({ port: schedulerPort, healthzPort: schedulerHealthz, etcdClientPort, etcdPeerPort, dataDir: join(dir, 'scheduler-etcd'), identityDir: join(dir, 'identity') })],
    cwd: dir, env, logFile: join(dir, 'scheduler.log'),
  });
  const all: Array<[string, ServiceProcess]> = [['placement', placement], ['scheduler', scheduler]];
  const logTail = (lines = 20) => all.map(([name, p]) => `--- ${name} (${p.logFile})\n${p.logTail(lines)}`).join('\n');
  const stop = async () => {
    for (const [, p] of [...all].reverse()) await p.stop(10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  const exitedOne = () => {
    for (const [name, p] of all) {
      const exit = p.exited();
      if (exit !== undefined) return `${name} ${exit}`;
    }
    return undefined;
  };
  const fail = async (what: string, why: string): Promise<never> => {
    const log = logTail(30);
    await stop();
    throw new ServiceStartError(`dapr: ${what}: ${why}`, log);
  };
  const controlPlane = await waitUntil(
    async () => (await httpOk(`http://127.0.0.1:${placementHealthz}/healthz`)) && (await httpOk(`http://127.0.0.1:${schedulerHealthz}/healthz`)),
    { timeoutMs, intervalMs: 200, giveUp: exitedOne },
  );
  if (controlPlane !== undefined) await fail('placement and scheduler did not become healthy', controlPlane);
  const daprd = startService({
    argv: [options.binaries.daprd, ...daprdArgs({
      appId: options.appId, appPort: options.appPort, httpPort, grpcPort, internalGrpcPort, placementPort, schedulerPort,
      resourcesPath: options.resourcesPath, config: options.config, logLevel: options.logLevel ?? 'info',
    })],
    cwd: dir, env, logFile: join(dir, 'daprd.log'),
  });
  all.push(['daprd', daprd]);
  const sidecar = await waitUntil(() => httpOk(`http://127.0.0.1:${httpPort}/v1.0/healthz/outbound`), { timeoutMs, intervalMs: 200, giveUp: exitedOne });
  if (sidecar !== undefined) await fail(`daprd for ${options.appId} did not become healthy`, sidecar);
  return {
    appId: options.appId, httpPort, grpcPort, placementPort, schedulerPort, dir,
    processes: { placement, scheduler, daprd }, startToHealthyMs: performance.now() - started, logTail, stop,
  };
}
