/**
 * The `npm run diagrams` command, minus argv parsing and process exit (those live in scripts/diagrams.ts).
 *
 *   await runDiagramsCommand(root, { force: false, check: false }, io)
 *     → { exitCode: 0, diagnostics: [...warnings], summary: 'rendered 2, cached 9, removed 1 in 3.4 s' }
 *
 *   default   render what is stale or missing (one browser), delete cache files no diagram uses
 *   force     re-render everything
 *   check     report stale/missing renderings and exit 1, never launch a browser, never write
 *
 * Diagram files that no chapter embeds with ::diagram are warnings in every mode.
 */
import { formatDiagnostic, diagnostic, sortDiagnostics } from '../core/diagnostics.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { findStaleDiagrams, unusedCacheFiles } from './cache.ts';
import { collectDiagramSources, collectDiagramUsage } from './collect.ts';
import { diagramHash } from './hash.ts';
import { renderDiagrams } from './render.ts';
import type { RenderDiagramsOptions } from './render.ts';

export interface DiagramsCommandOptions {
  force: boolean;
  check: boolean;
}

export interface DiagramsIo {
  /** Progress and summary lines. */
  log: (line: string) => void;
  /** Diagnostics (already formatted). */
  error: (text: string) => void;
  /** Milliseconds since some fixed point; injectable for tests. */
  now?: (() => number) | undefined;
}

export interface DiagramsCommandResult {
  exitCode: number;
  diagnostics: Diagnostic[];
  summary: string;
}

/** Warnings for `.mmd` files that no chapter embeds. */
export async function unusedDiagramWarnings(root: string): Promise<Diagnostic[]> {
  const usage = await collectDiagramUsage(root);
  const used = new Set(usage.references.map((reference) => reference.src.replace(/^\.\//, '')));
  return usage.files
    .filter((file) => !used.has(file))
    .map((file) =>
      diagnostic({
        file: `diagrams/${file}`,
        severity: 'warning',
        message: 'Diagram is not used by any chapter',
        hint: `Embed it with ::diagram{src="${file}" alt="…"} or delete the file`,
        rule: 'diagram-unused',
      }),
    );
}

/** The `--check` verdict: one error per stale diagram source; leftover cache files are warnings. */
export async function diagramsCheck(root: string): Promise<Diagnostic[]> {
  const sources = await collectDiagramSources(root);
  const stale = findStaleDiagrams(root, sources).map((source) =>
    diagnostic({
      file: source.origin.file,
      line: source.origin.line,
      message: 'Mermaid diagram has no up-to-date rendering in diagrams/.rendered/',
      hint: 'run npm run diagrams and commit diagrams/.rendered/',
      rule: 'diagram-stale',
    }),
  );
  const leftovers = unusedCacheFiles(root, new Set(sources.map((source) => diagramHash(source.source)))).map((file) =>
    diagnostic({
      file,
      severity: 'warning',
      message: 'Rendered diagram is not used by any diagram source',
      hint: 'run npm run diagrams to delete it',
      rule: 'diagram-cache-unused',
    }),
  );
  return [...stale, ...leftovers];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export async function runDiagramsCommand(
  root: string,
  options: DiagramsCommandOptions,
  io: DiagramsIo,
  renderOptions: Pick<RenderDiagramsOptions, 'launcher' | 'chromium'> = {},
): Promise<DiagramsCommandResult> {
  const now = io.now ?? (() => performance.now());
  const started = now();
  const warnings = await unusedDiagramWarnings(root);
  let diagnostics: Diagnostic[];
  let summary: string;

  if (options.check) {
    const found = await diagramsCheck(root);
    diagnostics = [...warnings, ...found];
    const stale = found.filter((d) => d.severity === 'error').length;
    summary = stale === 0 ? 'all diagram renderings are up to date' : `${stale} diagram(s) stale or missing`;
  } else {
    const sources = await collectDiagramSources(root);
    io.log(`diagrams: ${sources.length} source(s) found`);
    const result = await renderDiagrams(root, sources, {
      ...renderOptions,
      force: options.force,
      prune: true,
      onProgress: (done, total, origin) => io.log(`  [${done}/${total}] ${origin.file}:${origin.line}`),
    });
    diagnostics = [...warnings, ...result.errors];
    for (const file of result.removedFiles) io.log(`  removed ${file}`);
    summary = `rendered ${result.rendered}, cached ${result.cached}, removed ${result.removed}`;
    if (result.errors.length > 0) summary += `, ${result.errors.length} error(s)`;
  }

  const sorted = sortDiagnostics(diagnostics);
  for (const entry of sorted) io.error(formatDiagnostic(entry));
  summary += ` in ${seconds(now() - started)}`;
  io.log(summary);
  const exitCode = sorted.some((entry) => entry.severity === 'error') ? 1 : 0;
  return { exitCode, diagnostics: sorted, summary };
}
