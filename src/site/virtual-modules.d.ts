/** Types of the site's virtual modules (served by Vite plugins in src/site/; see config.ts). */
declare module 'virtual:book/decks' {
  /** Every chapter's deck; see src/site/deck-index.ts. */
  export const decks: import('./deck-index.ts').DeckIndexEntry[];
}

declare module 'virtual:book/last-updated' {
  /** Newest commit time (ms) per source file, keyed like Starlight's `entry.filePath`; empty without BOOK_REPO_URL or git. */
  const dates: Record<string, number>;
  export default dates;
}
