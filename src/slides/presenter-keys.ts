/**
 * The keys an instructor needs while presenting a published deck, as bound by the installed Slidev (53):
 * `@slidev/client/setup/shortcuts.ts` (next, previous, overview, dark, go to) and
 * `@slidev/client/logic/shortcuts.ts` (`f`, fullscreen), and `?`, the book theme's own key help
 * (slides/theme/global-top.vue), which shows this list inside a deck. The Lecture decks page lists them, and
 * tests/slides/build.test.ts presses each `press` key in a built deck to prove it still does what it says.
 *
 *   PRESENTER_KEYS[0]   // → { keys: ['→', 'Space'], action: 'Next click step or slide', press: 'ArrowRight' }
 */
export interface PresenterKey {
  /** How the key is shown to a reader. */
  keys: readonly string[];
  action: string;
  /** The key name Playwright presses to check it (`page.keyboard.press`). */
  press: string;
}

export const PRESENTER_KEYS: readonly PresenterKey[] = [
  { keys: ['→', 'Space'], action: 'Next click step or slide', press: 'ArrowRight' },
  { keys: ['←', 'Shift+Space'], action: 'Previous click step or slide', press: 'ArrowLeft' },
  { keys: ['↓', '↑'], action: 'Next or previous slide, skipping click steps', press: 'ArrowDown' },
  { keys: ['o'], action: 'Overview of all slides (Esc closes it)', press: 'o' },
  { keys: ['g'], action: 'Go to slide (type its number)', press: 'g' },
  { keys: ['f'], action: 'Fullscreen', press: 'f' },
  { keys: ['d'], action: 'Dark mode on or off', press: 'd' },
  { keys: ['?'], action: 'This list of keys, inside the deck (? or Esc closes it)', press: '?' },
];
