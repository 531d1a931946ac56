/**
 * What the site does with the book's repository address (BOOK_REPO_URL): Starlight's "Edit page" link
 * (`editLink.baseUrl` = `<repo>/edit/main/`) and "Last updated" dates taken from git.
 *
 *   parseRepoUrl('https://github.com/org/book/')     // → 'https://github.com/org/book'
 *   editBaseUrl('https://github.com/org/book')       // → 'https://github.com/org/book/edit/main/'
 *   lastCommitDates('/repo', ['chapters'])           // → { 'chapters/53-kubernetes/index.mdx': 1773489600000, … }
 *
 * Starlight's own `lastUpdated` looks only at `src/content/docs`, never at chapters/, so the dates come
 * from one `git log` here and route-data.ts puts them on each page. Outside a git checkout (the e2e tests
 * build a copy without .git) or without git, there are no dates and the build carries on.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../cli/run.ts';

/** The branch edit links point at. */
export const EDIT_BRANCH = 'main';

const repoUrlSchema = z.url({ protocol: /^https?$/ });

/** BOOK_REPO_URL as given (undefined or '' when unset), checked and without a trailing slash or `.git`. */
export function parseRepoUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = repoUrlSchema.safeParse(value.trim());
  if (!parsed.success) {
    throw new UsageError(`BOOK_REPO_URL=${JSON.stringify(value)} is not an http(s) address. Set it to the repository's web page, e.g. BOOK_REPO_URL=https://github.com/org/book, or leave it unset for no edit links or dates.`);
  }
  return parsed.data.replace(/\/+$/, '').replace(/\.git$/, '');
}

export function editBaseUrl(repoUrl: string): string {
  return `${repoUrl}/edit/${EDIT_BRANCH}/`;
}

/** A file of the repository on the branch edit links use: `<repo>/blob/main/<path>`. */
export function repoFileUrl(repoUrl: string, path: string): string {
  return `${repoUrl}/blob/${EDIT_BRANCH}/${path}`;
}

/**
 * The time (ms since the epoch) of the newest commit touching each file below `folders` of `root`, keyed by
 * the file's path relative to `root` (the form of Starlight's `entry.filePath`). Empty outside a git checkout.
 */
export function lastCommitDates(root: string, folders: readonly string[]): Record<string, number> {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' });
  if (top.error || top.status !== 0) return {};
  const repoRoot = realpathSync(top.stdout.trim());
  const log = spawnSync('git', ['log', '--format=t:%ct', '--name-only', '--no-renames', '--', ...folders], { cwd: realpathSync(root), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (log.error || log.status !== 0) return {};
  const dates: Record<string, number> = {};
  let time = 0;
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith('t:')) time = Number(line.slice(2)) * 1000;
    else if (line.trim() !== '') {
      const file = relative(realpathSync(root), resolve(repoRoot, line)).replace(/\\/g, '/');
      // Newest first: the first time a file appears is its last change.
      if (!(file in dates) && !file.startsWith('..')) dates[file] = time;
    }
  }
  return dates;
}
