/**
 * Installs a runtime into its cache folder atomically and remembers what was installed.
 *
 * The installer builds into a fresh temporary folder next to the final one (same file system), then a
 * marker file with the pin's hash is written and the folder is renamed into place. A failed build removes
 * only its temporary folder: the previous good install, if any, is untouched. A folder whose marker
 * matches the pin is reused without running anything (the second run is offline and instant).
 *
 *   await installAtomically({ dir, name: 'kafka', version: '4.3.2', hash, build: async (tmp) => { … } })
 *   // → { dir, reused: false, ms: 95000 }
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

export const MARKER = '.runtime.json';

const markerSchema = z.object({ name: z.string(), version: z.string(), hash: z.string(), installedAt: z.string() });
export type Marker = z.infer<typeof markerSchema>;

export function readMarker(dir: string): Marker | undefined {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(readFileSync(join(dir, MARKER), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Why `dir` is not a finished install of this pin, or undefined when it is. */
export function installProblem(dir: string, name: string, version: string, hash: string): string | undefined {
  const marker = readMarker(dir);
  if (marker === undefined) return `${name} ${version} is not installed (nothing at ${dir})`;
  if (marker.hash !== hash) return `${name} ${version} at ${dir} was installed from other pins (runtimes/runtimes.yaml or its build files changed)`;
  return undefined;
}

export interface AtomicInstall {
  dir: string;
  name: string;
  version: string;
  hash: string;
  /** Fills `tmp` (an empty folder). Throwing leaves the previous install as it was. */
  build: (tmp: string) => Promise<void>;
  /** Reinstall even when the marker matches. */
  force?: boolean | undefined;
}

export interface InstallOutcome {
  dir: string;
  reused: boolean;
  ms: number;
}

export async function installAtomically(request: AtomicInstall): Promise<InstallOutcome> {
  const started = performance.now();
  const { dir } = request;
  if (!request.force && installProblem(dir, request.name, request.version, request.hash) === undefined) {
    return { dir, reused: true, ms: performance.now() - started };
  }
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const suffix = randomBytes(4).toString('hex');
  const tmp = join(parent, `.${basename(dir)}.tmp-${suffix}`);
  mkdirSync(tmp);
  try {
    await request.build(tmp);
    const marker: Marker = { name: request.name, version: request.version, hash: request.hash, installedAt: new Date().toISOString() };
    writeFileSync(join(tmp, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  // Swap: the old install moves aside first, so `dir` is never half-written.
  const old = join(parent, `.${basename(dir)}.old-${suffix}`);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return { dir, reused: false, ms: performance.now() - started };
}
