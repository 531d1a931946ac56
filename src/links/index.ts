/**
 * The link checker of a built book (`node scripts/check-links.ts`, and the e2e tests).
 *
 *   const report = checkLinks({ dist, base: process.env.BOOK_BASE_PATH, deckSlides });
 *   report.problems.map(formatLinkProblem)   // '<page>:L:C  broken link "…" (no such page)  [link-page]' + hint
 *   externalSummary(report.external)         // listed, never fetched
 */
export { checkLinks, LinkChecker, normaliseBase, pageUrl } from './check.ts';
export type { ExternalLink, LinkCheckOptions, LinkReport } from './check.ts';
export { DistIndex } from './dist-index.ts';
export { parsePage } from './html.ts';
export type { PageRef, ParsedPage } from './html.ts';
export { externalSummary, formatLinkProblem } from './format.ts';
export { deckSlideCounts } from './decks.ts';
