/**
 * What verify-snippets needs from the runtimes module (`src/runtimes/locate.ts`, the shared contract): where a
 * provisioned runtime or Python environment lives, or why it is not there and the command that provisions it.
 * Injected through the verify dependencies, so tests use fake binaries and a run never downloads anything.
 *
 *   const kafka = await locator.runtime('kafka', { env });
 *   kafka.ready ? kafka.classpath : kafka.provision   // → 'npm run runtimes -- install kafka'
 */
type Env = Readonly<Record<string, string | undefined>>;

export interface NotReady {
  ready: false;
  reason: string;
  /** The exact command that provisions it, e.g. `npm run runtimes -- install kafka`. */
  provision: string;
}

export interface RuntimePaths {
  kafka: { classpath: string; version: string; java: string };
  redis: { redisServer: string };
  dapr: { daprd: string; placement: string; scheduler: string; version: string };
}
export type RuntimeName = keyof RuntimePaths;
export type Located<T> = ({ ready: true } & T) | NotReady;

export interface RuntimeLocator {
  runtime<N extends RuntimeName>(name: N, options: { env: Env }): Promise<Located<RuntimePaths[N]>>;
  /** The virtual environment installed from `lockFile` (absolute path of a `requirements.lock`). */
  pythonEnv(lockFile: string, options: { env: Env }): Promise<Located<{ venv: string; bin: string }>>;
}

const PROVISION = (name: string) => `npm run runtimes -- install ${name}`;

/**
 * The locator of `src/runtimes/locate.ts`, loaded on first use. Where that module is absent (a checkout
 * without the runtimes module), every runtime is reported as not provisioned, with the command to run.
 */
export function moduleLocator(): RuntimeLocator {
  let loaded: Promise<RuntimeLocator | undefined> | undefined;
  const load = () => {
    loaded ??= importLocate();
    return loaded;
  };
  const absent = (name: string): NotReady => ({ ready: false, reason: `${name} is not provisioned (the runtimes module src/runtimes/locate.ts is not available)`, provision: PROVISION(name) });
  return {
    async runtime(name, options) {
      const real = await load();
      return real ? real.runtime(name, options) : absent(name);
    },
    async pythonEnv(lockFile, options) {
      const real = await load();
      return real ? real.pythonEnv(lockFile, options) : absent('python');
    },
  };
}

interface LocateModule {
  locateRuntime: (name: string, options: { env: Env }) => unknown;
  locatePythonEnv: (lockFile: string, options: { env: Env }) => unknown;
}

async function importLocate(): Promise<RuntimeLocator | undefined> {
  // A computed specifier: the module belongs to the runtimes branch and may not exist in this checkout.
  const specifier = new URL('../../runtimes/locate.ts', import.meta.url).href;
  let module: Partial<LocateModule>;
  try {
    module = (await import(specifier)) as Partial<LocateModule>;
  } catch {
    return undefined;
  }
  const { locateRuntime, locatePythonEnv } = module;
  if (typeof locateRuntime !== 'function' || typeof locatePythonEnv !== 'function') return undefined;
  return {
    runtime: async (name, options) => (await locateRuntime(name, options)) as never,
    pythonEnv: async (lockFile, options) => (await locatePythonEnv(lockFile, options)) as never,
  };
}
