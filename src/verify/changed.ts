/**
 * What differs from `main`, for `--changed`: `git diff --name-only main...` (or `origin/main...`) plus untracked files. When the
 * root is not a git checkout (or has no `main`), says why so the caller can fall back to verifying all.
 *
 *   await changedFiles('/repo')  // → { ok: true, files: Set { 'snippets/53-k8s/deploy/app.yaml', … } }
 *   await changedFiles('/tmp/x') // → { ok: false, reason: 'not a git checkout' }
 */
import { runProcess } from './process.ts';

export type ChangedFiles = { ok: true; files: Set<string> } | { ok: false; reason: string };

export async function changedFiles(root: string, env: Record<string, string>, base = 'main'): Promise<ChangedFiles> {
  const git = (args: string[]) => runProcess({ argv: ['git', ...args], cwd: root, env, timeoutMs: 30_000 });
  const inside = await git(['rev-parse', '--show-toplevel']);
  if (inside.spawnError) return { ok: false, reason: 'git is not installed' };
  if (inside.exitCode !== 0) return { ok: false, reason: 'not a git checkout' };
  // A CI checkout of a pull request often has only origin/main, not a local main.
  let diff = await git(['diff', '--name-only', '--relative', `${base}...`]);
  if (diff.exitCode !== 0) diff = await git(['diff', '--name-only', '--relative', `origin/${base}...`]);
  if (diff.exitCode !== 0) return { ok: false, reason: `git diff ${base}... failed (${diff.stderr.trim().split('\n')[0] ?? ''})` };
  const untracked = await git(['ls-files', '--others', '--exclude-standard']);
  const files = new Set<string>();
  for (const line of `${diff.stdout}\n${untracked.stdout}`.split('\n')) {
    const path = line.trim();
    if (path) files.add(path); // both commands print paths relative to root
  }
  return { ok: true, files };
}
