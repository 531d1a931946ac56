/** Modules the site config provides to pages at build time (see config.ts). */
declare module 'virtual:book/last-updated' {
  /** Newest commit time (ms) per source file, keyed like Starlight's `entry.filePath`; empty without BOOK_REPO_URL or git. */
  const dates: Record<string, number>;
  export default dates;
}
