/**
 * Stage 2, plan: what this run verifies (see `planRun`), with a note when the selection is empty.
 *
 *   const { plan, notes } = await planStage(context, loaded.book, loaded.changed);
 */
import { planRun, type Plan } from '../plan.ts';
import type { Book } from '../types.ts';
import type { RunContext } from './types.ts';

export async function planStage(context: RunContext, book: Book, changed: ReadonlySet<string> | undefined): Promise<{ plan: Plan; notes: string[] }> {
  const { options } = context;
  const plan = await planRun(context.root, book, { chapter: options.chapter, snippet: options.snippet, changed, update: options.update }, context.deps.checkers, context.read);
  const notes: string[] = [];
  if (plan.files.length === 0) notes.push(plan.filtered ? 'Nothing matches the selection (--chapter/--snippet/--changed).' : 'No chapter includes a snippet yet.');
  return { plan, notes };
}
