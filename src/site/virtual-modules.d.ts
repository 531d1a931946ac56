/** Types of the site's virtual modules (served by Vite plugins in src/site/). */
declare module 'virtual:book/decks' {
  /** Every chapter's deck; see src/site/deck-index.ts. */
  export const decks: import('./deck-index.ts').DeckIndexEntry[];
}
