/**
 * The site's remark plugin: runs the shared core's directive pass on every page under chapters/.
 *
 *   ::snippet{src="50-fastapi/agent/app/main.py" region="lifespan"}   → a highlighted code block
 *   ::diagram{src="53-kubernetes/cluster.mmd" alt="…"}               → a figure
 *   ::::slide …                                                       → removed (deck-only content)
 *
 * Errors stop the page with `file:line:col`, what is wrong and what to do; warnings (a near-miss directive
 * name) are attached to the file so Astro prints them. Included files are recorded so the dev server can
 * reload the chapters that use them.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { BookError } from '../core/diagnostics.ts';
import { applyBookDirectives, type DirectiveHooks } from '../core/directives.ts';
import { CHAPTERS_DIR, repoRelative } from '../core/paths.ts';
import { join } from 'node:path';
import { recordIncludes } from './include-graph.ts';

export interface RemarkBookOptions {
  /** Absolute path of the book's root (the folder holding chapters/, snippets/, diagrams/). */
  root: string;
  /** How diagrams and inline Mermaid blocks become pictures (see src/site/diagram-hooks.ts). */
  hooks?: (file: string) => DirectiveHooks;
}

export function remarkBook(options: RemarkBookOptions) {
  const chaptersDir = join(options.root, CHAPTERS_DIR);
  return function transformer(tree: Root, file: VFile): void {
    if (!file.path || !file.path.startsWith(chaptersDir)) return;
    const relative = repoRelative(options.root, file.path);
    const result = applyBookDirectives(tree, {
      root: options.root,
      file: relative,
      source: String(file.value),
      hooks: options.hooks?.(relative),
    });
    recordIncludes(file.path, result.includes.map((include) => join(options.root, include.path)));
    for (const warning of result.diagnostics.filter((d) => d.severity === 'warning')) {
      file.message(`${warning.message}${warning.hint ? ` (${warning.hint})` : ''}`, {
        place: { line: warning.line, column: warning.column },
        ruleId: warning.rule ?? 'book',
        source: 'book',
      });
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new BookError(errors);
  };
}
