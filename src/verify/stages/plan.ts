/**
 * Stage 2, plan: what this run verifies (see `planRun`). A selection that matches nothing is an error (exit 1),
 * so a mistyped --snippet or --chapter never reads as a pass; an unfiltered book with no snippets is a note.
 *
 *   const { plan, notes, problems } = await planStage(context, loaded.book, loaded.changed);
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { planRun, type Plan } from '../plan.ts';
import type { Book } from '../types.ts';
import type { RunContext } from './types.ts';

export async function planStage(context: RunContext, book: Book, changed: ReadonlySet<string> | undefined): Promise<{ plan: Plan; notes: string[]; problems: Diagnostic[] }> {
  const { options } = context;
  const plan = await planRun(context.root, book, { chapter: options.chapter, snippet: options.snippet, changed, update: options.update }, context.deps.checkers, context.read);
  const notes: string[] = [];
  const problems: Diagnostic[] = [];
  if (plan.files.length === 0) {
    if (!plan.filtered) notes.push('No file under snippets/ yet.');
    else if (changed !== undefined && options.chapter === undefined && options.snippet === undefined) notes.push('--changed: no changed file is a snippet, a chapter or part of an example.');
    else problems.push(emptySelection(context.root, options.chapter, options.snippet));
  }
  return { plan, notes, problems };
}

function emptySelection(root: string, chapter: number | undefined, snippet: string | undefined): Diagnostic {
  const parts: string[] = [];
  if (snippet !== undefined) {
    const path = snippet.startsWith('snippets/') ? snippet : `snippets/${snippet}`;
    parts.push(`--snippet ${snippet}${existsSync(join(root, path)) ? '' : ': no such file or folder under snippets/'}`);
  }
  if (chapter !== undefined) parts.push(`--chapter ${chapter}: no chapter ${chapter} in chapters/, or it includes no snippet`);
  return diagnostic({
    file: snippet !== undefined ? 'snippets' : 'chapters',
    message: `Nothing matches ${parts.join(' with ')}`,
    hint: 'List what exists with `ls snippets/` or `ls chapters/`; run without a selection to verify everything.',
    rule: 'verify-empty-selection',
  });
}
