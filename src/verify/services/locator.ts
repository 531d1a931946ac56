/**
 * What verify-snippets needs from the runtimes module (`src/runtimes/locate.ts`, the shared contract): where a
 * provisioned runtime, Python environment or Go module cache lives, or why it is not there and the command that provisions it.
 * Injected through the verify dependencies, so tests use fake binaries and a run never downloads anything.
 *
 *   const kafka = await locator.runtime('kafka', { env });
 *   kafka.ready ? kafka.classpath : kafka.provision   // → 'npm run runtimes -- install kafka'
 */
import { locateGoModules, locatePythonEnv, locateRuntime, type Located, type RuntimePaths as AllRuntimePaths } from '../../runtimes/locate.ts';

export type { Located, NotReady } from '../../runtimes/locate.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The runtimes a service needs. */
export type RuntimePaths = Pick<AllRuntimePaths, 'kafka' | 'redis' | 'dapr'>;
export type RuntimeName = keyof RuntimePaths;

export interface RuntimeLocator {
  runtime<N extends RuntimeName>(name: N, options: { env: Env }): Promise<Located<RuntimePaths[N]>>;
  /** The virtual environment installed from `lockFile` (absolute path of a `requirements.lock`). */
  pythonEnv(lockFile: string, options: { env: Env }): Promise<Located<{ venv: string; bin: string }>>;
  /** The module cache downloaded for the Go module in `folder` (absolute path of the folder holding go.mod), and the Go build cache. */
  goModules(folder: string, options: { env: Env }): Promise<Located<{ modCache: string; buildCache: string }>>;
}

/** The locator of `src/runtimes/locate.ts`: reads the runtimes cache only, never the network. */
export function moduleLocator(): RuntimeLocator {
  return {
    runtime: async (name, options) => locateRuntime(name, options),
    pythonEnv: async (lockFile, options) => locatePythonEnv(lockFile, options),
    goModules: async (folder, options) => locateGoModules(folder, options),
  };
}
