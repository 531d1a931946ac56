/**
 * Golden tests: the fixture book's chapters → the exact deck Markdown in fixtures/book/expected/<slug>.md
 * (run with UPDATE=1 to rewrite them after an intended change, then review the diff). The generated decks
 * must also survive Slidev's own parser with their slide count, titles, layouts, notes and book links.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@slidev/parser';
import { describe, expect, it } from 'vitest';
import { fixtureDecks, fixtureRoot } from './helpers.ts';

const ROOT = fixtureRoot('book');
const EXPECTED = join(ROOT, 'expected');
const set = fixtureDecks('book', { base: '/book/' });

describe('generated decks match the golden files', () => {
  it('generates one deck per chapter, in chapter order', () => {
    expect(set.decks.map((d) => d.slug)).toEqual(['50-fastapi', '53-kubernetes']);
    expect(set.warnings).toEqual([]);
  });

  for (const deck of set.decks) {
    it(`${deck.slug}.md`, () => {
      const file = join(EXPECTED, `${deck.slug}.md`);
      if (process.env.UPDATE === '1') {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(file, deck.markdown);
      }
      expect(existsSync(file), `${file} is missing: run with UPDATE=1 and review it`).toBe(true);
      expect(deck.markdown).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('writes no absolute paths into deck sources', () => {
    for (const deck of set.decks) {
      expect(deck.markdown).not.toContain(ROOT);
      expect(deck.markdown).not.toMatch(/(?:^|["'(\s])\/(?:home|tmp|work|usr|Users)\//m);
    }
  });

  it('is deterministic: generating again gives identical text and assets', () => {
    const again = fixtureDecks('book', { base: '/book/' });
    expect(again.decks.map((d) => d.markdown)).toEqual(set.decks.map((d) => d.markdown));
    expect(again.decks.map((d) => [...d.assets.keys()])).toEqual(set.decks.map((d) => [...d.assets.keys()]));
  });
});

describe('decks round-trip through @slidev/parser', () => {
  for (const deck of set.decks) {
    const chapter = set.chapters.find((c) => c.slug === deck.slug);
    if (!chapter) throw new Error(`no chapter for ${deck.slug}`);

    it(`${deck.slug}: title slide, then slide k+1 for block k, then the two closing slides`, async () => {
      const parsed = await parse(deck.markdown, `/decks/${deck.slug}.md`);
      expect(parsed.slides).toHaveLength(chapter.slides.length + 3);
      expect(deck.slideCount).toBe(parsed.slides.length);

      const [cover, ...rest] = parsed.slides;
      const contents = rest.pop();
      const closing = rest.pop();
      expect(cover?.frontmatter.layout).toBe('cover');
      expect(cover?.frontmatter.kicker).toBe(`Chapter ${chapter.number} · ${chapter.stage?.title}`);
      expect(cover?.content).toContain(`# ${chapter.title}`);
      for (const goal of chapter.frontmatter?.goals ?? []) expect(cover?.content).toContain(`- ${goal}`);
      // The summary (what the chapter was about, its capstone) and, on a slide of its own so neither can
      // overflow, the chapter's sections with the link to the book.
      expect(closing?.frontmatter.layout).toBe('end');
      expect(closing?.title).toBe('Summary');
      if (chapter.frontmatter?.description) expect(closing?.content).toContain(chapter.frontmatter.description.slice(0, 40));
      expect(contents?.frontmatter.layout).toBe('end');
      expect(contents?.title).toBe('In this chapter');
      expect(contents?.content).toContain(`<a href="/book/${chapter.slug}/" target="_blank" rel="noopener">Read chapter ${chapter.number} in the book</a>`);
      expect(closing?.content).not.toContain('Read chapter');

      rest.forEach((slide, k) => {
        const block = chapter.slides[k];
        if (!block) throw new Error(`slide ${k + 2} has no block`);
        expect(slide.frontmatter.layout, `slide ${k + 2}`).toBe(block.layout);
        if (block.title) expect(slide.title, `slide ${k + 2}`).toBe(block.title);
        expect(slide.frontmatter.bookLink, `slide ${k + 2}`).toBe(`/book/${chapter.slug}/${block.section ? `#${block.section.slug}` : ''}`);
        expect(Boolean(slide.note), `slide ${k + 2} notes`).toBe(block.notes.length > 0);
      });
    });
  }

  it('keeps YAML document separators inside code out of the slide split', async () => {
    const deck = set.decks.find((d) => d.slug === '53-kubernetes');
    const parsed = await parse(deck?.markdown ?? '', '/decks/53-kubernetes.md');
    expect(parsed.slides[1]?.content).toContain('---\napiVersion: v1\nkind: Service');
  });

  it('keeps "-->" in notes from closing the notes comment early', async () => {
    const deck = set.decks.find((d) => d.slug === '50-fastapi');
    const parsed = await parse(deck?.markdown ?? '', '/decks/50-fastapi.md');
    expect(parsed.slides[1]?.note).toContain('notebook -\u200B-> API -\u200B-> agent.');
    expect(parsed.slides[1]?.content).not.toContain('agent.');
  });

  it('puts the notes of a slide in Slidev speaker notes, verbatim', async () => {
    const deck = set.decks.find((d) => d.slug === '50-fastapi');
    const parsed = await parse(deck?.markdown ?? '', '/decks/50-fastapi.md');
    expect(parsed.slides[2]?.note).toBe('Point at line 3: the response model.\n\nThen at line 4.');
  });
});
