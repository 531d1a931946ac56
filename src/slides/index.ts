/**
 * Lecture decks: every chapter becomes a Slidev deck, built into the site, presentable and exportable.
 *
 *   generateDecks(root, { chapters: ['53'] })              // deck Markdown in memory (throws BookError on problems)
 *   await buildDecks(root, { outDir, base })                 // <outDir>/slides/<slug>/, served at <base>slides/<slug>/
 *   await exportDecks(root, { pdfDir, executablePath })     // <pdfDir>/<slug>.pdf via the system Chromium
 *   await startDeckDev(root, { chapter: '53', … })           // Slidev dev server with live regeneration
 */
export { buildDecks } from './build.ts';
export type { BuildDecksOptions, BuildDecksResult, BuiltDeck } from './build.ts';
export { exportDecks } from './export.ts';
export type { ExportDecksOptions, ExportedDeck } from './export.ts';
export { startDeckDev, deckInputs } from './dev.ts';
export type { DeckDevOptions, DeckDevSession } from './dev.ts';
export { generateDecks, writeDecks, defaultRenderings } from './generate.ts';
export type { DeckSet, GenerateDecksOptions } from './generate.ts';
export { generateDeck } from './deck.ts';
export type { DeckOptions, GeneratedDeck } from './deck.ts';
export { DECKS_DIR, THEME_DIR, deckDir, deckFile, normaliseBase, chapterUrl } from './paths.ts';
