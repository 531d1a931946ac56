/**
 * The real dependencies of the command: the lead's book loader, helper A's static checkers and helper C's
 * Mermaid validator. Kept apart so tests that inject doubles never load them.
 *
 *   const run = await verifySnippets(options, await realDependencies(process.env));
 */
import { loadBook } from '../core/book.ts';
import { validateMermaid } from '../diagrams/validate.ts';
import * as checkers from './static/index.ts';
import type { VerifyDependencies } from './command.ts';

export function realDependencies(env: Readonly<Record<string, string | undefined>>): VerifyDependencies {
  return {
    loadBook: async (root) => loadBook(root),
    checkers,
    validateMermaid,
    env,
  };
}
