/**
 * Problems stop deck generation with the chapter's file:line, printed the toolkit's way (no stack trace).
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, isBookError } from '../../src/core/diagnostics.ts';
import { generateDecks } from '../../src/slides/generate.ts';
import { fixtureDecks, fixtureRenderings, fixtureRoot } from './helpers.ts';

/** The printed report of the BookError thrown by `run`. */
function report(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isBookError(error)) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  throw new Error('expected a BookError');
}

describe('deck generation errors', () => {
  it('stops on an unknown slide layout at the slide block', () => {
    expect(report(() => fixtureDecks('bad-layout'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:12:1  error  Unknown slide layout "two-col"  [slide-layout]
        hint: Did you mean "two-cols"? Layouts: default, center, two-cols, section, statement, quote, fact, image-right, full."
    `);
  });

  it('reports remote pictures, missing diagram renderings and components at their lines', () => {
    expect(report(() => fixtureDecks('bad-content'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:13:1  error  The picture "https://example.com/logo.png" is not a file beside the chapter  [slide-remote-asset]
        hint: Decks must not fetch from other hosts: put the picture in the chapter folder and write a relative path, e.g. ![…](./picture.png).
      chapters/53-kubernetes/index.mdx:17:1  error  Diagram diagrams/53-kubernetes/flow.mmd has no up-to-date rendering for the deck  [slide-diagram]
        hint: run npm run diagrams (and commit diagrams/.rendered/)
      chapters/53-kubernetes/index.mdx:21:1  error  The component <Badge> cannot be shown on a slide  [slide-mdx]
        hint: Slide blocks hold Markdown and book directives only; describe it in Markdown or move it out of the ::::slide block."
    `);
  });

  it('turns a missing rendering into a warning with the alt text while editing (dev server)', () => {
    const problems: string[] = [];
    try {
      fixtureDecks('bad-content', { diagrams: 'fallback' });
    } catch (error) {
      if (!isBookError(error)) throw error;
      problems.push(...error.diagnostics.map((d) => `${d.rule} ${d.severity}`));
    }
    expect(problems).toEqual(['slide-remote-asset error', 'slide-mdx error']);
  });

  it('names the chapters that exist when asked for one that does not', () => {
    expect(report(() => generateDecks(fixtureRoot('book'), { chapters: ['54'], renderings: fixtureRenderings }))).toMatchInlineSnapshot(`
      "chapters  error  No chapter "54" in the book  [slides-chapter]
        hint: Chapters: 50, 53 (or their slugs)."
    `);
  });

  it('generates only the chosen chapters, by number or slug', () => {
    const set = fixtureDecks('book', { chapters: ['53', '50-fastapi'] });
    expect(set.decks.map((d) => d.slug)).toEqual(['53-kubernetes', '50-fastapi']);
  });
});
