/**
 * With BOOK_SITE_URL set, each title slide carries a QR code of the chapter's page on the published site
 * (an SVG made at generation time, no network); without it, nothing.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '@slidev/parser';
import { chapterQrCode } from '../../src/slides/qr.ts';
import { fixtureDecks } from './helpers.ts';

const coverOf = async (markdown: string) => (await parse(markdown, 'deck.md')).slides[0]?.frontmatter ?? {};

describe('QR code on the title slide', () => {
  it('points at the chapter page under the site URL and base path', async () => {
    const set = fixtureDecks('book', { base: '/book/', siteUrl: 'https://books.example.org' });
    const cover = await coverOf(set.decks[1]?.markdown ?? '');
    expect(cover['bookQrUrl']).toBe('https://books.example.org/book/53-kubernetes/');
    const svg = Buffer.from(String(cover['bookQr']).replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    expect(cover['bookQr']).toBe(chapterQrCode('https://books.example.org/book/53-kubernetes/'));
  });

  it('differs per chapter and is left out without a site URL', async () => {
    const withUrl = fixtureDecks('book', { base: '/book/', siteUrl: 'https://books.example.org/' });
    const [a, b] = await Promise.all(withUrl.decks.map((deck) => coverOf(deck.markdown)));
    expect(a?.['bookQrUrl']).toBe('https://books.example.org/book/50-fastapi/');
    expect(a?.['bookQr']).not.toBe(b?.['bookQr']);
    for (const deck of fixtureDecks('book', { base: '/book/' }).decks) {
      expect(await coverOf(deck.markdown)).not.toHaveProperty('bookQr');
      expect(deck.markdown).not.toContain('bookQr');
    }
  });
});
