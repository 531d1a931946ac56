/**
 * The Astro configuration of the book, as a function of where the book lives, so the real book and the
 * fixture books in tests/ build through exactly the same pipeline.
 *
 *   // astro.config.mjs
 *   export default defineConfig(bookAstroConfig({ root: fileURLToPath(new URL('.', import.meta.url)) }));
 *
 * It handles the four known pitfalls of a Starlight book read from chapters/:
 * 1. the sidebar is built from the chapters (autogenerate finds nothing outside src/content/docs);
 * 2. chapters/ is listed in Starlight's `markdown.processedDirs`, so asides and heading anchors work there;
 * 3. Markdown goes through the `unified()` processor, the one that runs remark plugins (Astro 7's default
 *    processor ignores them silently and our directives would print as text);
 * 4. `mdx()` is registered by us after `starlight()`, so Starlight does not add `mdx({ optimize: true })`,
 *    which empties `<style>` elements inside inline SVG diagrams.
 * Previous/next links follow the reading order (route-data.ts): contributor pages are kept out of it.
 * Pages learn about the decks (slide counts, which PDFs the build publishes) from `virtual:book/decks`.
 * With `repoUrl` (BOOK_REPO_URL), pages get "Edit page" links and "Last updated" dates (repo-url.ts).
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import starlight from '@astrojs/starlight';
import type { AstroUserConfig } from 'astro';
import { loadBook, type Book } from '../core/book.ts';
import { CHAPTERS_DIR } from '../core/paths.ts';
import { deckIndexPlugin } from './deck-index.ts';
import { diagramFontCssPath } from '../diagrams/font.ts';
import { includeReloadPlugin } from './dev-reload.ts';
import { remarkBook, type RemarkBookOptions } from './remark-book.ts';
import { buildSidebar } from './sidebar.ts';
import { sitePageHooks } from './page-hooks.ts';
import { focusableCodeBlocks, rehypeFocusableTables } from './focusable-scroll.ts';
import { editBaseUrl, lastCommitDates, parseRepoUrl } from './repo-url.ts';
import { remarkSectionDeckLinks } from './deck-links.ts';
import { markdownCodeOutOfSearch } from './search-index.ts';

/** The toolkit's own src/ folder (components, styles, content config), wherever the book root is. */
export const TOOLKIT_SRC = fileURLToPath(new URL('..', import.meta.url));

export interface BookConfigOptions {
  /** Absolute path of the folder holding chapters/, snippets/, diagrams/. */
  root: string;
  /** Where the site is published, e.g. https://example.org; used for the sitemap and canonical links. */
  site?: string | undefined;
  /** Base path when published below the host's root, e.g. /book. */
  base?: string | undefined;
  /** Slugs of the decks whose PDF the build publishes; pages link only those (none by default). */
  pdfs?: readonly string[] | undefined;
  /**
   * The repository's web address (BOOK_REPO_URL), e.g. https://github.com/org/book: pages then get an
   * "Edit page" link to `<repo>/edit/main/<file>` and a "Last updated" date from git. Unset: neither.
   */
  repoUrl?: string | undefined;
  /** The book, when the caller has already loaded it (the build checks it first); loaded here otherwise. */
  book?: Book | undefined;
  /** Slide count per deck slug, when the caller has generated the decks; the deck index generates them otherwise. */
  slideCounts?: ReadonlyMap<string, number> | undefined;
  /** Leave our remark plugin out (only for measuring what it costs). */
  withoutBookPlugins?: boolean | undefined;
  hooks?: RemarkBookOptions['hooks'];
}

/** A Vite plugin serving one generated module under `id`. */
function virtualModule(id: string, code: string) {
  const resolved = `\0${id}`;
  return {
    name: `book:${id}`,
    resolveId: (source: string) => (source === id ? resolved : undefined),
    load: (loaded: string) => (loaded === resolved ? code : undefined),
  };
}

export function bookAstroConfig(options: BookConfigOptions): AstroUserConfig {
  const { root } = options;
  // Content errors do not stop the config: each page reports its own, and `npm run build` checks first.
  const book = options.book ?? loadBook(root);
  const repoUrl = parseRepoUrl(options.repoUrl);
  const hooks = options.hooks ?? sitePageHooks(root, options.base, { repoUrl });
  const lastUpdated = repoUrl ? lastCommitDates(root, [CHAPTERS_DIR]) : {};
  const remarkPlugins = options.withoutBookPlugins ? [] : [[remarkBook, { root, hooks }] as [typeof remarkBook, RemarkBookOptions], remarkSectionDeckLinks];
  return {
    root,
    srcDir: TOOLKIT_SRC,
    publicDir: join(TOOLKIT_SRC, '..', 'public'),
    outDir: join(root, 'dist'),
    cacheDir: join(root, 'node_modules', '.astro'),
    ...(options.site ? { site: options.site } : {}),
    ...(options.base ? { base: options.base } : {}),
    trailingSlash: 'always',
    markdown: { processor: unified({ remarkPlugins, rehypePlugins: [rehypeFocusableTables] }) },
    integrations: [
      starlight({
        title: 'AI Cloud Native Development',
        description: 'Part 7 of the book: taking AI agent services from a laptop to production with FastAPI, Docker, Kafka, Kubernetes, Dapr and the operations around them.',
        sidebar: buildSidebar(book),
        markdown: { processedDirs: [`./${CHAPTERS_DIR}`] },
        customCss: [join(TOOLKIT_SRC, 'site/styles/book.css'), diagramFontCssPath(), join(TOOLKIT_SRC, 'diagrams/diagrams.css'), join(TOOLKIT_SRC, 'site/styles/diagram-viewer.css')],
        components: {
          PageTitle: join(TOOLKIT_SRC, 'site/components/PageTitle.astro'),
          MarkdownContent: join(TOOLKIT_SRC, 'site/components/MarkdownContent.astro'),
        },
        routeMiddleware: join(TOOLKIT_SRC, 'site/route-data.ts'),
        favicon: '/favicon.svg',
        ...(repoUrl ? { editLink: { baseUrl: editBaseUrl(repoUrl) }, lastUpdated: true } : {}),
        expressiveCode: { plugins: [focusableCodeBlocks(), markdownCodeOutOfSearch()] },
        pagefind: true,
      }),
      mdx(),
      {
        name: 'book:last-updated',
        hooks: {
          'astro:config:setup': ({ updateConfig }) => {
            updateConfig({ vite: { plugins: [virtualModule('virtual:book/last-updated', `export default ${JSON.stringify(lastUpdated)};`)] } });
          },
        },
      },
      {
        name: 'book:dev-reload',
        hooks: {
          'astro:config:setup': ({ updateConfig, command }) => {
            if (command === 'dev') updateConfig({ vite: { plugins: [includeReloadPlugin(root)] } });
          },
        },
      },
    ],
    vite: {
      plugins: [deckIndexPlugin(root, { base: options.base, pdfs: options.pdfs, book, slideCounts: options.slideCounts })],
      resolve: { alias: { '@book': TOOLKIT_SRC } },
      build: {
        rolldownOptions: {
          onLog(level, log, handler) {
            // Every MDX page carries Astro's "use astro:head-inject" marker; the bundler's notice about it is noise.
            if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
            handler(level, log);
          },
        },
      },
    },
  };
}
