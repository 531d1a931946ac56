/**
 * Test helpers: fixture books copied to a temporary root (rendering writes diagrams/.rendered/), the
 * Chromium the tests render with, and launchers that count (or forbid) browser starts.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromiumOrNull } from '../../src/diagrams/chromium.ts';
import { launchMermaidRenderer } from '../../src/diagrams/mermaid-renderer.ts';
import type { MermaidRendererLauncher } from '../../src/diagrams/mermaid-renderer.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fresh copy of `fixtures/<name>` in a temporary directory; call `cleanup` when done. */
export function copyFixture(name: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `diagrams-${name}-`));
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export const chromiumPath = findChromiumOrNull({ env: process.env, home: homedir() });

export const NO_CHROMIUM_REASON =
  'no Chromium found ($BOOK_CHROMIUM, $CHROME_PATH, /usr/bin/chromium, ~/.cache/ms-playwright): apt-get install -y chromium';

/** A real launcher that counts how often a browser was started. */
export function countingLauncher(): { launcher: MermaidRendererLauncher; launches: () => number } {
  let count = 0;
  return {
    launcher: () => {
      count += 1;
      if (!chromiumPath) throw new Error(NO_CHROMIUM_REASON);
      return launchMermaidRenderer({ executablePath: chromiumPath });
    },
    launches: () => count,
  };
}

/** A launcher that fails the test if anything tries to start a browser. */
export const forbiddenLauncher: MermaidRendererLauncher = () => {
  throw new Error('a browser was launched although nothing needed rendering');
};

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Every `id="…"` in some markup. */
export function idsIn(markup: string): string[] {
  return [...markup.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? '');
}

/** Every id referenced via url(#…), href="#…" or xlink:href="#…". */
export function idReferencesIn(markup: string): string[] {
  const refs = [...markup.matchAll(/url\(\s*['"]?#([^'")\s]+)['"]?\s*\)/g), ...markup.matchAll(/href="#([^"]+)"/g)];
  return refs.map((match) => match[1] ?? '');
}
