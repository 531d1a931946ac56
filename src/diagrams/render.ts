/**
 * Brings the render cache up to date for a list of diagram sources.
 *
 *   await renderDiagrams(root, sources, { prune: true, onProgress })
 *     → { rendered: 2, cached: 9, removed: 1, removedFiles: [...], errors: [Diagnostic…] }
 *
 * Sources with the same text share one rendering. Only stale or missing diagrams are rendered (all with
 * `force`), in ONE browser page; when nothing is stale no browser is launched at all. A diagram with a
 * syntax error becomes a diagnostic at its file:line and the run carries on with the others. Cache files
 * that none of `sources` uses are deleted only with `prune: true` (pass the full source list then).
 */
import { homedir } from 'node:os';
import type { Diagnostic } from '../core/diagnostics.ts';
import { isRendered, pruneRenderedDiagrams, svgId, writeRenderedDiagram } from './cache.ts';
import { findChromium } from './chromium.ts';
import type { ChromiumLookup } from './chromium.ts';
import { diagramHash } from './hash.ts';
import { mermaidErrorDiagnostic, parseMermaidError } from './mermaid-errors.ts';
import { launchMermaidRenderer } from './mermaid-renderer.ts';
import type { MermaidRenderer, MermaidRendererLauncher } from './mermaid-renderer.ts';
import type { DiagramSource, DiagramTheme } from './types.ts';
import { DIAGRAM_THEMES } from './types.ts';

export interface RenderDiagramsOptions {
  /** Re-render everything, cached or not. */
  force?: boolean | undefined;
  /** Delete cache files that no source in this call uses (only when passing every source of the book). */
  prune?: boolean | undefined;
  onProgress?: ((done: number, total: number, origin: DiagramSource['origin']) => void) | undefined;
  /** How to start the browser; defaults to Chromium found by `findChromium`. */
  launcher?: MermaidRendererLauncher | undefined;
  /** Where to look for Chromium when no launcher is given; defaults to process.env and the home folder. */
  chromium?: ChromiumLookup | undefined;
}

export interface RenderDiagramsResult {
  rendered: number;
  cached: number;
  /** Number of diagrams (hashes) whose cache files were deleted. */
  removed: number;
  removedFiles: string[];
  errors: Diagnostic[];
}

interface Job {
  hash: string;
  source: string;
  origins: DiagramSource['origin'][];
}

function groupByHash(sources: readonly DiagramSource[]): Job[] {
  const jobs = new Map<string, Job>();
  for (const entry of sources) {
    const hash = diagramHash(entry.source);
    const job = jobs.get(hash);
    if (job) job.origins.push(entry.origin);
    else jobs.set(hash, { hash, source: entry.source, origins: [entry.origin] });
  }
  return [...jobs.values()];
}

export function defaultLauncher(lookup?: ChromiumLookup): MermaidRendererLauncher {
  return () => {
    const executablePath = findChromium(lookup ?? { env: process.env, home: homedir() });
    return launchMermaidRenderer({ executablePath });
  };
}

async function renderJob(renderer: MermaidRenderer, job: Job): Promise<Record<DiagramTheme, string> | Diagnostic[]> {
  const svgs: Partial<Record<DiagramTheme, string>> = {};
  for (const theme of DIAGRAM_THEMES) {
    const result = await renderer.render(job.source, svgId(job.hash, theme), theme);
    if (!result.ok) {
      const position = parseMermaidError(result.message, result.line);
      return job.origins.map((origin) => mermaidErrorDiagnostic(origin, position));
    }
    svgs[theme] = result.svg;
  }
  return { light: svgs.light ?? '', dark: svgs.dark ?? '' };
}

export async function renderDiagrams(
  root: string,
  sources: DiagramSource[],
  options: RenderDiagramsOptions = {},
): Promise<RenderDiagramsResult> {
  const jobs = groupByHash(sources);
  const todo = options.force ? jobs : jobs.filter((job) => !isRendered(root, job.hash));
  const errors: Diagnostic[] = [];
  let rendered = 0;

  if (todo.length > 0) {
    const launch = options.launcher ?? defaultLauncher(options.chromium);
    const renderer = await launch();
    try {
      let done = 0;
      for (const job of todo) {
        const outcome = await renderJob(renderer, job);
        if (Array.isArray(outcome)) errors.push(...outcome);
        else {
          writeRenderedDiagram(root, job.hash, outcome);
          rendered += 1;
        }
        done += 1;
        const origin = job.origins[0];
        if (origin) options.onProgress?.(done, todo.length, origin);
      }
    } finally {
      await renderer.close();
    }
  }

  let removedFiles: string[] = [];
  if (options.prune) removedFiles = pruneRenderedDiagrams(root, new Set(jobs.map((job) => job.hash)));
  const removedHashes = new Set(removedFiles.map((path) => path.slice(path.lastIndexOf('/') + 1).split('.')[0]));

  return {
    rendered,
    cached: jobs.length - todo.length,
    removed: removedHashes.size,
    removedFiles,
    errors,
  };
}

