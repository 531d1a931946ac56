/**
 * The committed render cache: `diagrams/.rendered/<hash>.light.svg` and `<hash>.dark.svg`.
 *
 *   cachePaths('3f9a…')                       → { lightPath: 'diagrams/.rendered/3f9a….light.svg', darkPath: … }
 *   readRenderedDiagram(root, source)         → { hash, light, dark, lightPath, darkPath }  or throws BookError
 *   findStaleDiagrams(root, sources)          → the sources with a variant missing
 *   writeRenderedDiagram(root, hash, svgs)    → writes both files (atomically, via rename)
 *   pruneRenderedDiagrams(root, keepHashes)   → removes cache files no source uses; returns their paths
 *
 * Files are found by content hash only, so renaming or moving a diagram needs no re-render.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BookError, diagnostic } from '../core/diagnostics.ts';
import { diagramHash } from './hash.ts';
import type { DiagramSource, DiagramTheme, RenderedDiagram } from './types.ts';
import { DIAGRAM_THEMES } from './types.ts';

/** Repository-relative folder of the cache. */
export const RENDERED_DIR = 'diagrams/.rendered';

const CACHE_FILE = /^([0-9a-f]{8,64})\.(light|dark)\.svg$/;

export function cachePath(hash: string, theme: DiagramTheme): string {
  return `${RENDERED_DIR}/${hash}.${theme}.svg`;
}

export function cachePaths(hash: string): { lightPath: string; darkPath: string } {
  return { lightPath: cachePath(hash, 'light'), darkPath: cachePath(hash, 'dark') };
}

/** The id the SVG root carries (and prefixes all inner ids with): unique per diagram and variant. */
export function svgId(hash: string, theme: DiagramTheme): string {
  return `mmd-${hash}-${theme}`;
}

export function isRendered(root: string, hash: string): boolean {
  return DIAGRAM_THEMES.every((theme) => existsSync(join(root, cachePath(hash, theme))));
}

export function readRenderedDiagram(root: string, source: DiagramSource): RenderedDiagram {
  const hash = diagramHash(source.source);
  const { lightPath, darkPath } = cachePaths(hash);
  if (!isRendered(root, hash)) {
    throw new BookError(
      diagnostic({
        file: source.origin.file,
        line: source.origin.line,
        message: `Mermaid diagram has no up-to-date rendering (expected ${lightPath} and ${darkPath})`,
        hint: 'run npm run diagrams (and commit diagrams/.rendered/)',
        rule: 'diagram-stale',
      }),
    );
  }
  return {
    hash,
    light: readFileSync(join(root, lightPath), 'utf8'),
    dark: readFileSync(join(root, darkPath), 'utf8'),
    lightPath,
    darkPath,
  };
}

export function findStaleDiagrams(root: string, sources: DiagramSource[]): DiagramSource[] {
  return sources.filter((source) => !isRendered(root, diagramHash(source.source)));
}

export function writeRenderedDiagram(root: string, hash: string, svgs: Record<DiagramTheme, string>): void {
  mkdirSync(join(root, RENDERED_DIR), { recursive: true });
  for (const theme of DIAGRAM_THEMES) {
    const target = join(root, cachePath(hash, theme));
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, svgs[theme].endsWith('\n') ? svgs[theme] : `${svgs[theme]}\n`);
    renameSync(temporary, target);
  }
}

/** Cache files (repo-relative paths) whose hash is not in `keep`. */
export function unusedCacheFiles(root: string, keep: ReadonlySet<string>): string[] {
  const dir = join(root, RENDERED_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => {
      const match = CACHE_FILE.exec(name);
      return match !== null && !keep.has(match[1] ?? '');
    })
    .sort()
    .map((name) => `${RENDERED_DIR}/${name}`);
}

export function pruneRenderedDiagrams(root: string, keep: ReadonlySet<string>): string[] {
  const removed = unusedCacheFiles(root, keep);
  for (const path of removed) rmSync(join(root, path), { force: true });
  return removed;
}
