/**
 * Slide blocks: lecture-deck content written next to the prose it belongs to.
 *
 *   ::::slide{title="Why probes matter" layout="two-cols"}
 *   - Liveness restarts a stuck process …
 *
 *   :::notes
 *   Ask who has seen a pod restart loop.
 *   :::
 *   ::::
 *
 * A slide block is left out of the book page (and so out of search) unless it carries `book`; its
 * `:::notes` never appear in the book. The slide generator reads `SlideBlock`s from the shared core.
 */
import type { RootContent } from 'mdast';
import { fail, type Resolution } from './resolution.ts';
import { didYouMean } from './suggest.ts';

/** Layouts the shared deck theme in slides/ provides; cover and end slides are generated. */
export const SLIDE_LAYOUTS = ['default', 'center', 'two-cols', 'section', 'statement', 'quote', 'fact', 'image-right', 'full'] as const;
export type SlideLayout = (typeof SLIDE_LAYOUTS)[number];

export const SLIDE_ATTRIBUTES = ['title', 'layout', 'book'] as const;

export interface SlideBlock {
  title: string | undefined;
  layout: SlideLayout;
  /** Also shown in the book page. */
  book: boolean;
  /** Position of the `::::slide` line in the chapter. */
  line: number;
  column: number;
  /** The nearest heading above the block (its text and slug), so slides can link back to the book. */
  section: { text: string; slug: string } | undefined;
  /** Content with directives already resolved (snippets are code nodes with `data.snippet`). */
  children: RootContent[];
  notes: RootContent[];
}

export interface SlideAttributes {
  title?: string | undefined;
  layout?: string | undefined;
  book?: string | undefined;
}

export function checkSlideAttributes(attributes: SlideAttributes): Resolution<{ title: string | undefined; layout: SlideLayout; book: boolean }> {
  const layout = attributes.layout?.trim() || 'default';
  if (!(SLIDE_LAYOUTS as readonly string[]).includes(layout)) {
    const suggestion = didYouMean(layout, SLIDE_LAYOUTS);
    return fail('slide-layout', `Unknown slide layout "${layout}"`, `${suggestion ? `${suggestion} ` : ''}Layouts: ${SLIDE_LAYOUTS.join(', ')}.`);
  }
  const book = attributes.book;
  if (book !== undefined && book !== '' && book !== 'true' && book !== 'false') {
    return fail('slide-book', `book="${book}" is not a yes/no value`, 'Write the flag on its own (::::slide{book}) or leave it out.');
  }
  return { ok: true, value: { title: attributes.title?.trim() || undefined, layout: layout as SlideLayout, book: book !== undefined && book !== 'false' } };
}
