/**
 * Finds a Chromium to render with, never downloads one.
 *
 *   findChromium({ env: process.env, home: os.homedir() })  →  '/usr/bin/chromium'
 *
 * Order: $BOOK_CHROMIUM, $CHROME_PATH, /usr/bin/chromium, then Playwright's cache
 * (~/.cache/ms-playwright/chromium-<rev>/chrome-linux{,64}/chrome, newest first). Throws a BookError saying
 * what to install when none exists. `findChromiumOrNull` is the same without the error (for test skips).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BookError, diagnostic } from '../core/diagnostics.ts';

export interface ChromiumLookup {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Overridable for tests; defaults to the real file system. */
  isFile?: ((path: string) => boolean) | undefined;
  listDir?: ((path: string) => string[]) | undefined;
}

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-free headless Chromium (the machine has no network). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function defaultIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function defaultListDir(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}

function revision(dir: string): number {
  const match = /^chromium-(\d+)$/.exec(dir);
  return match ? Number(match[1]) : -1;
}

/** Candidate paths in lookup order, with the reason each is tried. */
export function chromiumCandidates(lookup: ChromiumLookup): { path: string; from: string }[] {
  const candidates: { path: string; from: string }[] = [];
  for (const name of ['BOOK_CHROMIUM', 'CHROME_PATH']) {
    const value = lookup.env[name]?.trim();
    if (value) candidates.push({ path: value, from: `$${name}` });
  }
  candidates.push({ path: SYSTEM_CHROMIUM, from: 'system' });
  const cache = join(lookup.home, '.cache', 'ms-playwright');
  const revisions = (lookup.listDir ?? defaultListDir)(cache)
    .filter((dir) => revision(dir) >= 0)
    .sort((a, b) => revision(b) - revision(a));
  for (const dir of revisions) {
    for (const platform of ['chrome-linux', 'chrome-linux64']) {
      candidates.push({ path: join(cache, dir, platform, 'chrome'), from: 'playwright cache' });
    }
  }
  return candidates;
}

export function findChromiumOrNull(lookup: ChromiumLookup): string | null {
  const isFile = lookup.isFile ?? defaultIsFile;
  for (const candidate of chromiumCandidates(lookup)) {
    if (isFile(candidate.path)) return candidate.path;
  }
  return null;
}

export function findChromium(lookup: ChromiumLookup): string {
  const found = findChromiumOrNull(lookup);
  if (found) return found;
  const explicit = lookup.env['BOOK_CHROMIUM'] ?? lookup.env['CHROME_PATH'];
  throw new BookError(
    diagnostic({
      file: 'diagrams',
      message: explicit
        ? `No Chromium executable at ${explicit} (from $BOOK_CHROMIUM/$CHROME_PATH), nor at ${SYSTEM_CHROMIUM} or in Playwright's cache`
        : `No Chromium found to render Mermaid diagrams (looked at $BOOK_CHROMIUM, $CHROME_PATH, ${SYSTEM_CHROMIUM} and ~/.cache/ms-playwright)`,
      hint: 'Install it with `apt-get install -y chromium`, or set BOOK_CHROMIUM=/path/to/chrome',
      rule: 'diagram-browser',
    }),
  );
}
