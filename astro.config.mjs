// The book site. Everything book-specific lives in src/site/config.ts so that fixture books in tests/
// build through the same pipeline; see that file for the four Starlight-from-chapters/ pitfalls it handles.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { bookAstroConfig } from './src/site/config.ts';

export default defineConfig(
  bookAstroConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    site: process.env.BOOK_SITE_URL,
    base: process.env.BOOK_BASE_PATH,
    repoUrl: process.env.BOOK_REPO_URL,
  }),
);
