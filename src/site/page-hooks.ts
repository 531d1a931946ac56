/**
 * How the site shows what the core resolves.
 *
 * Diagrams: `::diagram` files and inline ```mermaid blocks both become a <figure> with
 * the committed light and dark SVG renderings inlined (no JavaScript; CSS picks the variant for the theme).
 *
 *   ```mermaid alt="The request path" caption="Figure 1"      ← optional alt/caption in the fence's meta
 *
 * A diagram whose rendering is missing or stale stops the page with its location and the command that
 * refreshes it (`npm run diagrams`); no browser runs during a site build.
 *
 * Snippets: under each one verify-snippets has verified (its record entry matches the file), a line naming the
 * tier it reached and the command that checks it again (tested-code.ts).
 *
 * Slides: where a section of a chapter has slide blocks, the first one leaves a small link to that slide
 * of the chapter's lecture deck (`/slides/53-kubernetes/#/4`), which deck-links.ts then moves right under
 * the section's heading; blocks marked `book` also keep their content.
 */
import type { Code, RootContent } from 'mdast';
import type { Element as HastElement } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { CHAPTER_PATH, slugOf } from '../core/chapter.ts';
import { readFileSync } from 'node:fs';
import { defaultSnippetNode, type DirectiveHooks } from '../core/directives.ts';
import { freshEntry, readVerificationRecord } from '../core/verification-record.ts';
import { diagramFigureHtml, readRenderedDiagram } from '../diagrams/index.ts';
import { parseRepoUrl } from './repo-url.ts';
import { testedCodeLine } from './tested-code.ts';

/**
 * A figure node whose inner markup (two inline SVGs and a caption) is handed to Astro as one HTML string
 * through `set:html`, the way Astro's own MDX optimizer passes static HTML: parsed into hast, a diagram
 * would become thousands of JSX nodes in the compiled page and slow the build for nothing.
 */
function figureNode(html: string): RootContent {
  const open = /^<figure\b([^>]*)>/.exec(html);
  if (!open || !html.endsWith('</figure>')) throw new Error('diagram markup is not a single <figure>');
  const properties = (fromHtml(`${open[0]}</figure>`, { fragment: true }).children[0] as HastElement | undefined)?.properties ?? {};
  return {
    type: 'paragraph',
    children: [],
    data: { hName: 'figure', hProperties: { ...properties, 'set:html': html.slice(open[0].length, -'</figure>'.length) }, hChildren: [] },
  } as unknown as RootContent;
}

/** `alt="…" caption="…"` from a fence's meta string. */
function metaAttribute(meta: string | null | undefined, name: string): string | undefined {
  if (!meta) return undefined;
  return new RegExp(`\\b${name}="([^"]*)"`).exec(meta)?.[1];
}

/** A paragraph linking to one slide of the chapter's deck; kept out of the search index. */
function deckLink(href: string): RootContent {
  return {
    type: 'paragraph',
    children: [{ type: 'link', url: href, children: [{ type: 'text', value: 'Slides for this section' }] }],
    data: { hProperties: { className: ['deck-link'], 'data-pagefind-ignore': '' } },
  } as RootContent;
}

/**
 * @param root the book's root folder
 * @param base the site's base path, e.g. '/' or '/book/'
 * @param options.repoUrl BOOK_REPO_URL: a tested snippet's line then links to its file
 */
export function sitePageHooks(root: string, base = '/', options: { repoUrl?: string | undefined } = {}): (file: string) => DirectiveHooks {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const repoUrl = parseRepoUrl(options.repoUrl);
  return (file) => {
    let linkedSection: string | undefined;
    const isChapter = CHAPTER_PATH.test(file);
    // Read per page, so the dev server picks up a new verify-snippets run on the next reload.
    const record = readVerificationRecord(root);
    return {
    snippet: (snippet) => {
      const node = defaultSnippetNode(snippet);
      const entry = freshEntry(record, snippet.path, readFileSync(snippet.absolute, 'utf8'));
      return entry ? [node, testedCodeLine(entry, { repoUrl })] : node;
    },
    slide: (slide, number) => {
      const content = slide.book ? slide.children : [];
      const section = slide.section?.slug ?? '';
      if (!isChapter || linkedSection === section) return content;
      linkedSection = section;
      return [deckLink(`${prefix}slides/${slugOf(file)}/#/${number}`), ...content];
    },
    diagram: (diagram) => {
      const rendered = readRenderedDiagram(root, { source: diagram.source, origin: { file: diagram.path, line: 1 } });
      return figureNode(diagramFigureHtml({ rendered, alt: diagram.alt, caption: diagram.caption }));
    },
    mermaid: (block, node: Code) => {
      const rendered = readRenderedDiagram(root, { source: block.code, origin: { file, line: block.line } });
      const alt = metaAttribute(node.meta, 'alt') ?? 'Diagram';
      return figureNode(diagramFigureHtml({ rendered, alt, caption: metaAttribute(node.meta, 'caption') }));
    },
    };
  };
}
