/**
 * Fake runtimes for the service lifecycle tests: executable wrappers around `fixtures/services/fake-service.mjs`
 * (one per binary the runner starts) in a temporary folder, a locator that hands them out (or reports a
 * runtime as not provisioned), and a check that no recorded process is still alive.
 */
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Located, RuntimeLocator, RuntimeName } from '../../src/verify/services/locator.ts';
import { FIXTURES } from './helpers.ts';

export interface FakeRuntimes {
  dir: string;
  pidDir: string;
}

/** Writes wrappers `redis-server`, `placement`, `scheduler`, `daprd` (and `broken`) into `dir`. */
export async function makeFakeRuntimes(dir: string, roles: Partial<Record<'redis' | 'placement' | 'scheduler' | 'daprd', string>> = {}): Promise<FakeRuntimes> {
  const pidDir = join(dir, 'pids');
  await mkdir(pidDir, { recursive: true });
  const script = join(FIXTURES, 'services/fake-service.mjs');
  const binaries = { 'redis-server': roles.redis ?? 'redis', placement: roles.placement ?? 'placement', scheduler: roles.scheduler ?? 'scheduler', daprd: roles.daprd ?? 'daprd' };
  for (const [name, role] of Object.entries(binaries)) {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\nexec '${process.execPath}' '${script}' ${role} '${pidDir}' "$@"\n`);
    await chmod(path, 0o755);
  }
  return { dir, pidDir };
}

/**
 * A locator over the wrappers in `dir`; `missing` names runtimes to report as not provisioned; `venv` is a ready
 * Python env; `goModules` a folder whose mod/ and build/ are every Go example's provisioned module and build caches.
 */
export function fakeLocator(dir: string, options: { missing?: RuntimeName[]; venv?: string | undefined; venvMissing?: boolean; goModules?: string | undefined; goModulesMissing?: boolean }): RuntimeLocator {
  const notReady = (name: string) => ({ ready: false as const, reason: `${name} is not provisioned`, provision: `npm run runtimes -- install ${name}` });
  const paths = {
    kafka: { classpath: join(dir, 'kafka-libs'), version: '4.3.0', java: join(dir, 'java') },
    redis: { redisServer: join(dir, 'redis-server') },
    dapr: { daprd: join(dir, 'daprd'), placement: join(dir, 'placement'), scheduler: join(dir, 'scheduler'), version: '1.16.0' },
  };
  return {
    runtime: async <N extends RuntimeName>(name: N) => (options.missing?.includes(name) ? notReady(name) : ({ ready: true, ...paths[name] } as Located<(typeof paths)[N]>)),
    pythonEnv: async () => (options.venv && !options.venvMissing ? { ready: true, venv: options.venv, bin: join(options.venv, 'bin') } : notReady('python')),
    goModules: async () => (options.goModules && !options.goModulesMissing ? { ready: true, modCache: join(options.goModules, 'mod'), buildCache: join(options.goModules, 'build') } : notReady('go-modules')),
  };
}

/** Pids the fakes recorded (`<role>-<pid>`, `<role>-child-<pid>`). */
export async function recordedPids(pidDir: string): Promise<number[]> {
  return (await readdir(pidDir)).map((name) => Number(name.split('-').pop())).filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Pids among `pids` that still exist as live (non-zombie) processes in /proc. */
export async function alive(pids: readonly number[]): Promise<number[]> {
  const { readFile } = await import('node:fs/promises');
  const out: number[] = [];
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      if (!/\) Z /.test(stat)) out.push(pid);
    } catch {
      // gone
    }
  }
  return out;
}
