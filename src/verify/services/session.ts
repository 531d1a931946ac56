/**
 * The services of one example's local steps: finds the runtimes they need (a missing one makes the steps
 * SKIPPED with the command that provisions it), starts them on free loopback ports in a private copy of the
 * example, waits until each is healthy, hands the steps their addresses as environment variables, and
 * stops everything afterwards, on failure and on interruption.
 *
 *   const services = await startServices(manifest, { root, locator, env, stepEnv, log, graceMs: 2000 });
 *   if (services.kind === 'running') { await runSteps(…, { env: services.env }); await services.stop(); }
 *   // services.env → { REDIS_HOST: '127.0.0.1', REDIS_PORT: '40113', DAPR_HTTP_PORT: '40119', … }
 */
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnostic } from '../../core/diagnostics.ts';
import { materialiseExample } from '../example-copy.ts';
import { insideExample, type AppService, type DaprService, type Manifest, type Service } from '../manifest.ts';
import { stepEnvironment, trackScratchDir, untrackScratchDir } from '../steps.ts';
import type { CheckResult } from '../types.ts';
import { freePort, LOOPBACK } from './health.ts';
import type { RuntimeLocator, RuntimeName, RuntimePaths } from './locator.ts';
import { LOG_LINES, startApp, startDaprControlPlane, startDaprd, startKafka, startRedis, type Ports, type SidecarPorts, type StartContext, type StartOutcome } from './starters.ts';
import type { ServiceProcess } from './supervisor.ts';

export interface ServicesOptions {
  root: string;
  locator: RuntimeLocator;
  /** The caller's environment, for locating runtimes. */
  env: Readonly<Record<string, string | undefined>>;
  /** The steps' pass-through environment (with the example's venv first on PATH): the app runs with it. */
  stepEnv: Record<string, string>;
  log: (line: string) => void;
  graceMs?: number | undefined;
  healthTimeoutMs?: number | undefined;
}

export type ServicesOutcome =
  | { kind: 'none' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; result: CheckResult }
  | {
      kind: 'running';
      /** Variables for the steps: KAFKA_BOOTSTRAP_SERVERS, REDIS_HOST, REDIS_PORT, DAPR_HTTP_PORT, DAPR_GRPC_PORT, DAPR_APP_ID, APP_PORT, and per app id DAPR_HTTP_PORT_<ID>, DAPR_GRPC_PORT_<ID>, APP_PORT_<ID>. */
      env: Record<string, string>;
      /** The last `lines` of every service's log, for a failed step's report. */
      logTails(lines?: number): string;
      /** The process ids of every service process (tests check none is left). */
      pids(): number[];
      stop(): Promise<void>;
    };

// Kafka's JVM needs 20–35 s on an idle 2-core machine and more than 60 s under load: two minutes.
export const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;
const RULE = 'verify-service';

/** The runtimes a list of services needs. */
export function runtimesFor(services: readonly Service[]): RuntimeName[] {
  const names = new Set<RuntimeName>();
  for (const s of services) if (s.kind === 'kafka' || s.kind === 'redis' || s.kind === 'dapr') names.add(s.kind);
  return [...names];
}

/** Where the services listen: Redis, Kafka, and the apps that declare a reader's `port` (that port → the app's free port). */
interface Addresses {
  redis?: number | undefined;
  kafka?: number | undefined;
  apps?: ReadonlyMap<number, number> | undefined;
}

/**
 * Component and Configuration YAML as a reader writes it (Redis at localhost:6379, Kafka at localhost:9092,
 * an app with `port: 4318` at localhost:4318), pointed at the started services.
 */
export function rewriteAddresses(text: string, ports: Addresses): string {
  let out = text;
  if (ports.redis !== undefined) out = out.replaceAll('localhost:6379', `${LOOPBACK}:${ports.redis}`);
  if (ports.kafka !== undefined) out = out.replaceAll('localhost:9092', `${LOOPBACK}:${ports.kafka}`);
  // An app's port is matched whole: localhost:4318 is an app's, localhost:43180 is not.
  for (const [declared, actual] of ports.apps ?? []) out = out.replace(new RegExp(`localhost:${declared}(?!\\d)`, 'g'), `${LOOPBACK}:${actual}`);
  return out;
}

async function rewriteFile(path: string, ports: Addresses): Promise<void> {
  const text = await readFile(path, 'utf8');
  const rewritten = rewriteAddresses(text, ports);
  if (rewritten !== text) await writeFile(path, rewritten);
}

async function rewriteFolder(dir: string, ports: Addresses): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) await rewriteFile(join(entry.parentPath, entry.name), ports);
  }
}

/** Where everything listens: the shared ports, one port per app, and per sidecar its own ports and the app port it calls. */
interface Layout {
  shared: Ports;
  apps: Map<AppService, number>;
  sidecars: Map<DaprService, SidecarPorts & { appPort: number | undefined; app: AppService | undefined }>;
}

/**
 * The app a sidecar calls: with one app and one sidecar, that app (its name does not matter); otherwise the
 * app whose `name` is the sidecar's app-id. A sidecar with `app-port` and no such app calls a port a step
 * starts its app on.
 */
export function pairedApp(services: readonly Service[], dapr: DaprService): AppService | undefined {
  const apps = services.filter((s): s is AppService => s.kind === 'app');
  const sidecars = services.filter((s) => s.kind === 'dapr');
  if (apps.length === 1 && sidecars.length === 1) return apps[0];
  return apps.find((a) => a.name === dapr.appId);
}

/** An app id or app name as a variable suffix: lumen-tools → LUMEN_TOOLS. */
export function envSuffix(id: string): string {
  return id.toUpperCase().replaceAll('-', '_');
}

async function allocateLayout(services: readonly Service[]): Promise<Layout> {
  const taken = new Set<number>();
  const next = async () => {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    return port;
  };
  const names = ['redis', 'placement', 'placementHealth', 'placementRaft', 'scheduler', 'schedulerHealth', 'schedulerEtcd', 'schedulerPeer'] as const;
  const shared: Partial<Ports> = {};
  for (const name of names) shared[name] = await next();
  const apps = new Map<AppService, number>();
  for (const s of services) if (s.kind === 'app') apps.set(s, await next());
  const sidecars: Layout['sidecars'] = new Map();
  for (const s of services) {
    if (s.kind !== 'dapr') continue;
    const app = pairedApp(services, s);
    const appPort = app !== undefined ? apps.get(app) : s.appPort !== undefined ? await next() : undefined;
    sidecars.set(s, { http: await next(), grpc: await next(), internal: await next(), appPort, app });
  }
  return { shared: shared as Ports, apps, sidecars };
}

/**
 * The services' addresses as the steps see them; `kafka` is known once the broker has started. With one
 * sidecar the unsuffixed DAPR_HTTP_PORT, DAPR_GRPC_PORT and DAPR_APP_ID name it; every sidecar also gets
 * DAPR_HTTP_PORT_<APP_ID>, DAPR_GRPC_PORT_<APP_ID> and APP_PORT_<APP_ID>, every named app APP_PORT_<NAME>,
 * and APP_PORT is set when there is exactly one app port.
 */
function serviceEnv(manifest: Manifest, layout: Layout, kafka: number | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  const appPorts = new Set<number>();
  for (const s of manifest.services) {
    if (s.kind === 'redis') Object.assign(env, { REDIS_HOST: LOOPBACK, REDIS_PORT: String(layout.shared.redis) });
    if (s.kind === 'kafka' && kafka !== undefined) env['KAFKA_BOOTSTRAP_SERVERS'] = `${LOOPBACK}:${kafka}`;
    if (s.kind === 'app') {
      const port = layout.apps.get(s) ?? 0;
      appPorts.add(port);
      if (s.name !== undefined) env[`APP_PORT_${envSuffix(s.name)}`] = String(port);
    }
    if (s.kind === 'dapr') {
      const sidecar = layout.sidecars.get(s);
      if (sidecar === undefined) continue;
      const id = envSuffix(s.appId);
      Object.assign(env, { [`DAPR_HTTP_PORT_${id}`]: String(sidecar.http), [`DAPR_GRPC_PORT_${id}`]: String(sidecar.grpc) });
      // An app that a step starts must listen where daprd calls it.
      if (sidecar.appPort !== undefined) {
        env[`APP_PORT_${id}`] = String(sidecar.appPort);
        appPorts.add(sidecar.appPort);
      }
    }
  }
  const sidecars = [...layout.sidecars];
  if (sidecars.length === 1 && sidecars[0] !== undefined) {
    const [service, ports] = sidecars[0];
    Object.assign(env, { DAPR_HTTP_PORT: String(ports.http), DAPR_GRPC_PORT: String(ports.grpc), DAPR_APP_ID: service.appId });
  }
  if (appPorts.size === 1) env['APP_PORT'] = String([...appPorts][0]);
  return env;
}

/** What an app process sees besides the steps' variables: its own APP_PORT and, when a sidecar calls it, that sidecar's unsuffixed ports (as `dapr run` sets them). */
function appEnv(service: AppService, layout: Layout): Record<string, string> {
  const env: Record<string, string> = { APP_PORT: String(layout.apps.get(service) ?? 0) };
  for (const [dapr, ports] of layout.sidecars) {
    if (ports.app === service) Object.assign(env, { DAPR_HTTP_PORT: String(ports.http), DAPR_GRPC_PORT: String(ports.grpc), DAPR_APP_ID: dapr.appId });
  }
  return { ...env, ...service.env };
}

/** How progress lines and reports name a service: "redis", "app", "app lumen-tools", "dapr", "dapr lumen". */
export function serviceLabel(service: Service, services: readonly Service[]): string {
  if (service.kind === 'app') return service.name === undefined ? 'app' : `app ${service.name}`;
  if (service.kind === 'dapr') return services.filter((s) => s.kind === 'dapr').length > 1 ? `dapr ${service.appId}` : 'dapr';
  return service.kind;
}

export async function startServices(manifest: Manifest, options: ServicesOptions): Promise<ServicesOutcome> {
  if (manifest.services.length === 0) return { kind: 'none' };
  const located: Partial<{ [N in RuntimeName]: RuntimePaths[N] }> = {};
  for (const name of runtimesFor(manifest.services)) {
    const found = await options.locator.runtime(name, { env: options.env });
    if (!found.ready) return { kind: 'skipped', reason: `${found.reason}: run \`${found.provision}\`` };
    Object.assign(located, { [name]: found });
  }

  const scratch = await realpath(await mkdtemp(join(tmpdir(), 'verify-services-')));
  trackScratchDir(scratch);
  const started: ServiceProcess[] = [];
  const graceMs = options.graceMs ?? 2000;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const process of [...started].reverse()) await process.stop(graceMs);
      await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
      untrackScratchDir(scratch);
    })());
  const logTails = (lines = LOG_LINES) =>
    started
      .filter((p) => p.logTail(1) !== '')
      .map((p) => `--- ${p.name} (last ${lines} lines) ---\n${p.logTail(lines)}`)
      .join('\n');

  try {
    const layout = await allocateLayout(manifest.services);
    let controlPlane = false;
    let kafka: number | undefined;
    const work = join(scratch, 'example');
    await materialiseExample(options.root, manifest, work);
    const home = join(scratch, 'home');
    const temp = join(scratch, 'tmp');
    await mkdir(home);
    await mkdir(temp);
    for (const service of manifest.services) {
      const label = serviceLabel(service, manifest.services);
      const dir = join(scratch, label.replaceAll(' ', '-'));
      await mkdir(dir, { recursive: true });
      const own = service.kind === 'app' ? appEnv(service, layout) : {};
      const processEnv = stepEnvironment(options.stepEnv, home, temp, serviceEnv(manifest, layout, kafka), own);
      const context: StartContext = { dir, env: processEnv, healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS, started };
      options.log(`${manifest.dir}: ${label}: starting…`);
      let outcome: StartOutcome & { port?: number };
      if (service.kind === 'dapr' && !controlPlane) {
        // One placement and one scheduler serve every sidecar of the example.
        const runtime = need(located.dapr);
        const controlDir = join(scratch, 'dapr-control-plane');
        await mkdir(controlDir, { recursive: true });
        outcome = await startDaprControlPlane({ ...context, dir: controlDir }, runtime, layout.shared);
        controlPlane = outcome.ok;
        if (outcome.ok) {
          const sidecar = await startOne(service, label, context, located, layout, work, manifest, kafka);
          outcome = sidecar.ok ? { ok: true, ms: outcome.ms + sidecar.ms } : sidecar;
        }
      } else outcome = await startOne(service, label, context, located, layout, work, manifest, kafka);
      if (!outcome.ok) {
        await stop();
        options.log(`${manifest.dir}: ${label}: failed: ${outcome.reason}`);
        return {
          kind: 'failed',
          result: {
            tier: 'local',
            name: `service: ${label}`,
            status: 'failed',
            diagnostics: [diagnostic({ file: manifest.file, line: service.line, column: service.column, message: `Service ${label} could not start: ${outcome.reason}`, hint: 'Its log is below; run the runtime by hand, or re-provision it with npm run runtimes -- install.', rule: RULE })],
            detail: outcome.log || '(the service printed nothing)',
            durationMs: 0,
            cached: false,
          },
        };
      }
      if ('port' in outcome && outcome.port !== undefined) kafka = outcome.port;
      options.log(`${manifest.dir}: ${label}: healthy in ${(outcome.ms / 1000).toFixed(1)} s`);
    }
    const env = serviceEnv(manifest, layout, kafka);
    return { kind: 'running', env, logTails, pids: () => started.flatMap((p) => (p.pid === undefined ? [] : [p.pid])), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startOne(service: Service, label: string, context: StartContext, located: Partial<{ [N in RuntimeName]: RuntimePaths[N] }>, layout: Layout, work: string, manifest: Manifest, kafka: number | undefined): Promise<StartOutcome & { port?: number }> {
  switch (service.kind) {
    case 'redis':
      return startRedis(context, need(located.redis), layout.shared);
    case 'kafka':
      return startKafka(context, need(located.kafka));
    case 'app':
      return startApp({ ...context, healthTimeoutMs: service.timeout ?? context.healthTimeoutMs }, appArgv(service), join(work, insideExample('.', service.cwd) ?? '.'), need(layout.apps.get(service)), service.health, label);
    case 'dapr':
      return startDaprService(context, need(located.dapr), layout, work, service, manifest, kafka);
  }
}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('runtime was not located before starting its service');
  return value;
}

function appArgv(service: AppService): string[] {
  return typeof service.run === 'string' ? ['/bin/sh', '-c', service.run] : service.run;
}

async function startDaprService(context: StartContext, runtime: RuntimePaths['dapr'], layout: Layout, work: string, service: DaprService, manifest: Manifest, kafka: number | undefined): Promise<StartOutcome> {
  const resourcesPath = join(work, insideExample('.', service.components) ?? service.components);
  const has = (kind: Service['kind']) => manifest.services.some((s) => s.kind === kind);
  const apps = new Map<number, number>();
  for (const [app, port] of layout.apps) if (app.port !== undefined) apps.set(app.port, port);
  const addresses: Addresses = { redis: has('redis') ? layout.shared.redis : undefined, kafka, apps };
  await rewriteFolder(resourcesPath, addresses);
  const config = service.config === undefined ? undefined : join(work, insideExample('.', service.config) ?? service.config);
  // The Configuration names addresses too (a tracing collector's, for one).
  if (config !== undefined) await rewriteFile(config, addresses);
  const sidecar = need(layout.sidecars.get(service));
  const several = layout.sidecars.size > 1;
  return startDaprd(context, runtime, layout.shared, sidecar, { appId: service.appId, appPort: sidecar.appPort, resourcesPath, config }, several ? `daprd ${service.appId}` : 'daprd', work);
}
