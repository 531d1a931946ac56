/**
 * Slide counts of a book's decks, keyed the way the link checker wants them (the deck page in dist/), so
 * `#/N` links can be checked against the real number of slides. Generated in memory; nothing is written.
 *
 *   deckSlideCounts('/repo')  // → { 'slides/53-kubernetes/index.html': 9, … }
 */
import { generateDecks } from '../slides/generate.ts';

export function deckSlideCounts(root: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const deck of generateDecks(root).decks) counts[`slides/${deck.slug}/index.html`] = deck.slideCount;
  return counts;
}
