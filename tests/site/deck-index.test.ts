/**
 * The deck index behind virtual:book/decks: read from the book, PDF URLs only for the PDFs the build
 * publishes, and never an exception for a chapter with errors (in `npm run dev` every chapter page imports
 * it, so one broken chapter must not take the others down; the build checks the book before).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deckIndex } from '../../src/site/deck-index.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('deckIndex', () => {
  it('lists every chapter deck with its URLs below the base, and a PDF only where one is published', () => {
    expect(deckIndex(fixture('book'), { base: '/book', pdfs: ['53-kubernetes'] })).toEqual([
      { slug: '50-fastapi', number: 50, title: 'FastAPI fixture', slides: 5, url: '/book/slides/50-fastapi/', presenter: '/book/slides/50-fastapi/#/presenter/1', overview: '/book/slides/50-fastapi/#/overview', pdf: undefined },
      { slug: '53-kubernetes', number: 53, title: 'Kubernetes fixture', slides: 3, url: '/book/slides/53-kubernetes/', presenter: '/book/slides/53-kubernetes/#/presenter/1', overview: '/book/slides/53-kubernetes/#/overview', pdf: '/book/slides/53-kubernetes/53-kubernetes.pdf' },
    ]);
  });

  it('a chapter with errors still gets its row, without a slide count, instead of an exception', () => {
    const entries = deckIndex(fixture('broken'), {});
    expect(entries.map((e) => [e.slug, e.slides, e.url])).toEqual([['53-kubernetes', undefined, '/slides/53-kubernetes/']]);
  });
});
