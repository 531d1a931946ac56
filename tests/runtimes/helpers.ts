/**
 * A throwaway repository (the real runtimes/ folder: pins and build files, plus the fixture snippets) and an empty cache, so the
 * runtimes command can be tested without touching the real cache or the network.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainRuntimes, type RuntimesIo } from '../../src/runtimes/cli.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/repo', import.meta.url));
const made: string[] = [];

export function fixtureRepo(): { root: string; cache: string } {
  const base = mkdtempSync(join(tmpdir(), 'runtimes-test-'));
  made.push(base);
  const root = join(base, 'repo');
  cpSync(fixture, root, { recursive: true });
  // The whole runtimes/ folder: the pins and every build module they name (a new `module:` needs no edit here).
  cpSync(join(repo, 'runtimes'), join(root, 'runtimes'), { recursive: true });
  const cache = join(base, 'cache');
  mkdirSync(cache);
  return { root, cache };
}

export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function runCli(argv: string[], root: string, env: Record<string, string | undefined>, installers?: RuntimesIo['installers']) {
  let stdout = '';
  let stderr = '';
  const code = await mainRuntimes(argv, { root, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), installers });
  return { code, stdout, stderr };
}
