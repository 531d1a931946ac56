/**
 * One chapter → one Slidev deck (Markdown text plus the files it needs beside it).
 *
 *   const deck = generateDeck(chapter, { root, base: '/book/', deckDir, themeDir, diagrams: 'strict', renderings });
 *   deck.markdown     // headmatter + title slide, one slide per ::::slide block (slide k+1 = block k), summary, sections
 *   deck.assets       // deck-relative path → absolute source (diagram SVGs, pictures)
 *   deck.diagnostics  // problems at the chapter's file:line (errors mean: do not publish this deck)
 *
 * Slide numbering is part of the contract: the site links a book section to `/slides/<slug>/#/<k+1>`.
 */
import { relative } from 'node:path';
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import { stringify } from 'yaml';
import type { ChapterEntry } from '../core/book.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { SlideBlock } from '../core/slide.ts';
import { toPosix } from '../core/paths.ts';
import { createSlideWriter, type DiagramRenderings, type SlideWriter } from './markdown.ts';
import { chapterUrl, normaliseBase } from './paths.ts';
import { chapterQrCode, publishedPageUrl } from './qr.ts';
import { closingTitle, slideSentences } from './summary.ts';

export interface DeckOptions {
  root: string;
  /** Site base path the book is published under ('/' or '/book/'); book links include it. */
  base: string;
  /** Absolute folder the deck Markdown is written to (the theme path is written relative to it). */
  deckDir: string;
  /** Absolute folder of the shared theme. */
  themeDir: string;
  diagrams: 'strict' | 'fallback';
  renderings: DiagramRenderings | undefined;
  /** Keep speaker notes (default true). */
  notes?: boolean | undefined;
  /** Origin put before book links, e.g. `http://localhost:4321` while the site's dev server runs; '' by default. */
  siteOrigin?: string | undefined;
  /** The published site (BOOK_SITE_URL): the title slide then shows a QR code of the chapter's page there. */
  siteUrl?: string | undefined;
}

export interface GeneratedDeck {
  slug: string;
  chapterFile: string;
  markdown: string;
  /** Number of slides: title + one per slide block + the two closing slides. */
  slideCount: number;
  assets: Map<string, string>;
  diagnostics: Diagnostic[];
}

const SITE_TITLE = 'AI Cloud Native Development';
/** After the blocks: the summary slide and the "In this chapter" slide. */
const CLOSING_SLIDES = 2;

/** Frontmatter block; keys in insertion order, YAML quoted as needed. */
function frontmatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, { lineWidth: 0 }).trimEnd()}\n---`;
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function paragraph(...children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

function heading(depth: 1 | 2, value: string): Heading {
  return { type: 'heading', depth, children: [text(value)] };
}

function bulletList(items: PhrasingContent[][]): List {
  return { type: 'list', ordered: false, spread: false, children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(...children)] })) };
}

/** Splits a two-column slide at its first `***`; without one, the last block goes right. */
function splitColumns(children: readonly RootContent[]): [RootContent[], RootContent[]] {
  const index = children.findIndex((node) => node.type === 'thematicBreak');
  if (index >= 0) return [children.slice(0, index), children.slice(index + 1)];
  if (children.length < 2) return [[...children], []];
  return [children.slice(0, -1), children.slice(-1)];
}

/** Escapes what would end an HTML comment early: notes are written as `<!-- … -->`. */
function notesComment(markdown: string): string {
  return `<!--\n${markdown.replace(/--(?=>)/g, '-\u200B-').replace(/<!--/g, '<!-\u200B-')}\n-->`;
}

interface SectionHeading {
  text: string;
  slug: string;
  depth: number;
  node: Heading;
}

/** The chapter's headings with the slugs the site gives them (slide content kept in the page is skipped). */
function chapterHeadings(tree: Root, slides: readonly SlideBlock[]): SectionHeading[] {
  const inSlides = new Set<RootContent>(slides.flatMap((slide) => slide.children));
  const slugger = new GithubSlugger();
  const out: SectionHeading[] = [];
  // Slug every heading in document order, as the site does, but list only the top-level ones.
  const walk = (nodes: readonly RootContent[], top: boolean) => {
    for (const node of nodes) {
      if (inSlides.has(node)) continue;
      if (node.type === 'heading') {
        const value = toString(node);
        const slug = slugger.slug(value);
        if (top) out.push({ text: value, slug, depth: node.depth, node });
      } else if ('children' in node && Array.isArray(node.children)) {
        walk(node.children as RootContent[], false);
      }
    }
  };
  walk(tree.children, true);
  return out;
}

/** Longest capstone text on the summary slide; longer paragraphs are cut at a sentence end. */
const CAPSTONE_MAX_CHARS = 200;

/**
 * The opening of the first paragraph under the first heading that mentions "Capstone" that can stand on a
 * slide (slideSentences: whole sentences up to CAPSTONE_MAX_CHARS, none that leans on the page), as plain
 * text, so the summary slide never overflows and never ends on a lead-in colon.
 */
function capstoneParagraph(tree: Root, headings: readonly SectionHeading[]): Paragraph | undefined {
  const capstone = headings.find((h) => /capstone/i.test(h.text));
  if (!capstone) return undefined;
  const start = tree.children.indexOf(capstone.node);
  for (const node of tree.children.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= capstone.depth) return undefined;
    if (node.type !== 'paragraph') continue;
    // A paragraph that is all lead-in ("Lumen's contract:") gives nothing: the next one may stand alone.
    const quote = slideSentences(toString(node), CAPSTONE_MAX_CHARS);
    if (quote) return paragraph(text(quote));
  }
  return undefined;
}

function slideMarkdown(slide: SlideBlock, writer: SlideWriter, notes: boolean): string {
  const title = slide.title ? [heading(1, slide.title) as RootContent] : [];
  const parts: string[] = [];
  if (slide.layout === 'two-cols' || slide.layout === 'image-right') {
    const [left, right] = splitColumns(slide.children);
    if (title.length) parts.push(writer.markdown(title));
    parts.push('::left::', writer.markdown(left), '::right::', writer.markdown(right));
  } else {
    parts.push(writer.markdown([...title, ...slide.children]));
  }
  const noteText = notes && slide.notes.length ? writer.markdown(slide.notes) : '';
  if (noteText) parts.push(notesComment(noteText));
  return parts.filter((part) => part !== '').join('\n\n');
}

/** Title-slide frontmatter for a QR code of the chapter page on the published site; nothing without one. */
function qrCode(siteUrl: string | undefined, path: string): Record<string, string> {
  if (!siteUrl) return {};
  const url = publishedPageUrl(siteUrl, path);
  return { bookQr: chapterQrCode(url), bookQrUrl: url };
}

export function generateDeck(chapter: ChapterEntry, options: DeckOptions): GeneratedDeck {
  const base = normaliseBase(options.base);
  const writer = createSlideWriter({
    root: options.root,
    chapterFile: chapter.file,
    slug: chapter.slug,
    diagrams: options.diagrams,
    renderings: options.renderings,
    bookPage: `${(options.siteOrigin ?? '').replace(/\/+$/, '')}${chapterUrl(normaliseBase(options.base), chapter.slug)}`,
  });
  const front = chapter.frontmatter;
  const title = front?.title ?? chapter.title;
  const origin = (options.siteOrigin ?? '').replace(/\/+$/, '');
  const bookUrl = (anchor?: string) => `${origin}${chapterUrl(base, chapter.slug, anchor)}`;
  const chapterLink = bookUrl();
  const kicker = [`Chapter ${chapter.number}`, chapter.stage?.title].filter(Boolean).join(' · ');
  const notes = options.notes ?? true;

  const headmatter = frontmatter({
    theme: toPosix(relative(options.deckDir, options.themeDir)) || '.',
    title: `${chapter.number}. ${title}`,
    titleTemplate: `%s · ${SITE_TITLE}`,
    info: front?.description ?? '',
    exportFilename: chapter.slug,
    routerMode: 'hash',
    colorSchema: 'auto',
    fonts: { provider: 'none' },
    favicon: './favicon.svg',
    preloadImages: false,
    // Slidev's default PlantUML server is a remote host; the book renders no PlantUML.
    plantUmlServer: '',
    download: false,
    drawings: { persist: false },
    layout: 'cover',
    kicker,
    bookLink: chapterLink,
    bookSection: 'Read the chapter',
    ...qrCode(options.siteUrl, chapterUrl(base, chapter.slug)),
  });
  const cover = writer.markdown([
    heading(1, title),
    ...(front?.goals.length ? [heading(2, 'Learning goals'), bulletList(front.goals.map((goal) => [text(goal)]))] : []),
  ]);

  const slides = chapter.slides.map((slide) => {
    const link = bookUrl(slide.section?.slug);
    const head = frontmatter({ layout: slide.layout, bookLink: link, bookSection: slide.section?.text ?? 'Read the chapter' });
    return `${head}\n\n${slideMarkdown(slide, writer, notes)}`;
  });

  const headings = chapterHeadings(chapter.tree, chapter.slides).filter((h) => h.depth === 2);
  const capstone = capstoneParagraph(chapter.tree, chapterHeadings(chapter.tree, chapter.slides));
  // Two closing slides, so that neither overflows however long the description or the section list is: the
  // summary (with the capstone), then the chapter's sections and the link to the book.
  // Titled so that no two slides of the deck share a title: a chapter may end on a "Summary" slide of its own.
  const taken = chapter.slides.map((slide) => slide.title ?? '');
  const summary = `${frontmatter({ layout: 'end', bookLink: chapterLink, bookSection: 'Read the chapter' })}\n\n${writer.markdown([
    heading(1, closingTitle('Summary', `Chapter ${chapter.number} in brief`, taken)),
    ...(front?.description ? [paragraph(text(front.description))] : []),
    ...(capstone ? [heading(2, 'Capstone'), capstone] : []),
  ])}`;
  const contents = `${frontmatter({ layout: 'end', bookLink: chapterLink, bookSection: 'Read the chapter' })}\n\n${writer.markdown([
    heading(1, closingTitle('In this chapter', `The sections of chapter ${chapter.number}`, taken)),
    ...(headings.length
      ? [bulletList(headings.map((h) => [{ type: 'link', url: bookUrl(h.slug), children: [text(h.text)] } as PhrasingContent]))]
      : []),
    paragraph({ type: 'link', url: chapterLink, children: [text(`Read chapter ${chapter.number} in the book`)] }),
  ])}`;
  const closing = `${summary}\n\n${contents}`;

  const markdown = `${headmatter}\n\n${cover}\n\n${slides.map((s) => `${s}\n\n`).join('')}${closing}\n`;
  return {
    slug: chapter.slug,
    chapterFile: chapter.file,
    markdown,
    slideCount: chapter.slides.length + CLOSING_SLIDES + 1,
    assets: writer.assets,
    diagnostics: writer.diagnostics,
  };
}
