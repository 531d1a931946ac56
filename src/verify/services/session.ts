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
import { LOG_LINES, startApp, startDapr, startKafka, startRedis, type Ports, type StartContext, type StartOutcome } from './starters.ts';
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
      /** Variables for the steps: KAFKA_BOOTSTRAP_SERVERS, REDIS_HOST, REDIS_PORT, DAPR_HTTP_PORT, DAPR_GRPC_PORT, DAPR_APP_ID, APP_PORT. */
      env: Record<string, string>;
      /** The last `lines` of every service's log, for a failed step's report. */
      logTails(lines?: number): string;
      /** The process ids of every service process (tests check none is left). */
      pids(): number[];
      stop(): Promise<void>;
    };

export const DEFAULT_HEALTH_TIMEOUT_MS = 60_000;
const RULE = 'verify-service';

/** The runtimes a list of services needs. */
export function runtimesFor(services: readonly Service[]): RuntimeName[] {
  const names = new Set<RuntimeName>();
  for (const s of services) if (s.kind === 'kafka' || s.kind === 'redis' || s.kind === 'dapr') names.add(s.kind);
  return [...names];
}

/** Component YAML as a reader writes it (Redis at localhost:6379, Kafka at localhost:9092), pointed at the started services. */
export function rewriteAddresses(text: string, ports: { redis?: number | undefined; kafka?: number | undefined }): string {
  let out = text;
  if (ports.redis !== undefined) out = out.replaceAll('localhost:6379', `${LOOPBACK}:${ports.redis}`);
  if (ports.kafka !== undefined) out = out.replaceAll('localhost:9092', `${LOOPBACK}:${ports.kafka}`);
  return out;
}

async function rewriteFolder(dir: string, ports: { redis?: number | undefined; kafka?: number | undefined }): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    const rewritten = rewriteAddresses(text, ports);
    if (rewritten !== text) await writeFile(path, rewritten);
  }
}

async function allocatePorts(): Promise<Ports> {
  const names = ['redis', 'app', 'placement', 'placementHealth', 'placementRaft', 'scheduler', 'schedulerHealth', 'schedulerEtcd', 'schedulerPeer', 'daprHttp', 'daprGrpc', 'daprInternal'] as const;
  const taken = new Set<number>();
  const ports: Partial<Ports> = {};
  for (const name of names) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports as Ports;
}

/** The services' addresses as the steps see them; `kafka` is known once the broker has started. */
function serviceEnv(manifest: Manifest, ports: Ports, kafka: number | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of manifest.services) {
    if (s.kind === 'redis') Object.assign(env, { REDIS_HOST: LOOPBACK, REDIS_PORT: String(ports.redis) });
    if (s.kind === 'kafka' && kafka !== undefined) env['KAFKA_BOOTSTRAP_SERVERS'] = `${LOOPBACK}:${kafka}`;
    if (s.kind === 'app') env['APP_PORT'] = String(ports.app);
    if (s.kind === 'dapr') {
      Object.assign(env, { DAPR_HTTP_PORT: String(ports.daprHttp), DAPR_GRPC_PORT: String(ports.daprGrpc), DAPR_APP_ID: s.appId });
      // An app that a step starts must listen where daprd calls it.
      if (s.appPort !== undefined) env['APP_PORT'] = String(ports.app);
    }
  }
  return env;
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
    const ports = await allocatePorts();
    let kafka: number | undefined;
    const work = join(scratch, 'example');
    await materialiseExample(options.root, manifest, work);
    const home = join(scratch, 'home');
    const temp = join(scratch, 'tmp');
    await mkdir(home);
    await mkdir(temp);
    for (const service of manifest.services) {
      const dir = join(scratch, service.kind);
      await mkdir(dir, { recursive: true });
      const processEnv = stepEnvironment(options.stepEnv, home, temp, serviceEnv(manifest, ports, kafka), {});
      const context: StartContext = { dir, env: processEnv, healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS, started };
      options.log(`${manifest.dir}: ${service.kind}: starting…`);
      const outcome = await startOne(service, context, located, ports, work, manifest, kafka);
      if (!outcome.ok) {
        await stop();
        options.log(`${manifest.dir}: ${service.kind}: failed: ${outcome.reason}`);
        return {
          kind: 'failed',
          result: {
            tier: 'local',
            name: `service: ${service.kind}`,
            status: 'failed',
            diagnostics: [diagnostic({ file: manifest.file, line: service.line, column: service.column, message: `Service ${service.kind} could not start: ${outcome.reason}`, hint: 'Its log is below; run the runtime by hand, or re-provision it with npm run runtimes -- install.', rule: RULE })],
            detail: outcome.log || '(the service printed nothing)',
            durationMs: 0,
            cached: false,
          },
        };
      }
      if ('port' in outcome && outcome.port !== undefined) kafka = outcome.port;
      options.log(`${manifest.dir}: ${service.kind}: healthy in ${(outcome.ms / 1000).toFixed(1)} s`);
    }
    const env = serviceEnv(manifest, ports, kafka);
    return { kind: 'running', env, logTails, pids: () => started.flatMap((p) => (p.pid === undefined ? [] : [p.pid])), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startOne(service: Service, context: StartContext, located: Partial<{ [N in RuntimeName]: RuntimePaths[N] }>, ports: Ports, work: string, manifest: Manifest, kafka: number | undefined): Promise<StartOutcome & { port?: number }> {
  switch (service.kind) {
    case 'redis':
      return startRedis(context, need(located.redis), ports);
    case 'kafka':
      return startKafka(context, need(located.kafka));
    case 'app':
      return startApp(context, appArgv(service), join(work, insideExample('.', service.cwd) ?? '.'), ports, service.health);
    case 'dapr':
      return startDaprService(context, need(located.dapr), ports, work, service, manifest, kafka);
  }
}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('runtime was not located before starting its service');
  return value;
}

function appArgv(service: AppService): string[] {
  return typeof service.run === 'string' ? ['/bin/sh', '-c', service.run] : service.run;
}

async function startDaprService(context: StartContext, runtime: RuntimePaths['dapr'], ports: Ports, work: string, service: DaprService, manifest: Manifest, kafka: number | undefined): Promise<StartOutcome> {
  const resourcesPath = join(work, insideExample('.', service.components) ?? service.components);
  const has = (kind: Service['kind']) => manifest.services.some((s) => s.kind === kind);
  await rewriteFolder(resourcesPath, { redis: has('redis') ? ports.redis : undefined, kafka });
  const config = service.config === undefined ? undefined : join(work, insideExample('.', service.config) ?? service.config);
  const appPort = has('app') || service.appPort !== undefined ? ports.app : undefined;
  return startDapr(context, runtime, ports, { appId: service.appId, appPort, resourcesPath, config });
}
