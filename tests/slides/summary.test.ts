/**
 * The generated summary slide quotes the chapter out of its page: it must never end on a lead-in colon, point
 * at requirements "above" that the deck does not show, or repeat a title a chapter slide already has
 * (decks 57, 58, 61 ended on "Lumen's version:", deck 54 said "P1–P11 above", deck 58 had two "Summary").
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@slidev/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDecks } from '../../src/slides/generate.ts';
import { closingTitle, needsThePage, slideSentences } from '../../src/slides/summary.ts';
import { fixtureRenderings, fixtureRoot } from './helpers.ts';

describe('slideSentences', () => {
  it('keeps whole sentences up to the limit', () => {
    expect(slideSentences('One two. Three four.  Five six.', 20)).toBe('One two. Three four.');
    expect(slideSentences('Runs on Dapr Agents 1.0.9. A run survives a crash.', 200)).toBe('Runs on Dapr Agents 1.0.9. A run survives a crash.');
  });

  it('drops the lead-in a list followed in the book (deck 57, 58, 61)', () => {
    expect(slideSentences('Write the contract of an agent task before its code, as numbered requirements that a test or a command checks, then implement it. Lumen\'s version:', 200))
      .toBe('Write the contract of an agent task before its code, as numbered requirements that a test or a command checks, then implement it.');
    expect(slideSentences('Write the contract first. Lumen\'s version, with the check for each:', 200)).toBe('Write the contract first.');
  });

  it('ends before a sentence that points at the page, and what leans on it (deck 54)', () => {
    expect(slideSentences('Write the spec first, then make the pipeline meet it, then produce evidence for every line. The spec is P1–P11 above, extended with three operational requirements. Together they are the acceptance criteria.', 200))
      .toBe('Write the spec first, then make the pipeline meet it, then produce evidence for every line.');
    expect(slideSentences('Alert when latency stays above half a second. Then page someone.', 200)).toBe('Alert when latency stays above half a second. Then page someone.');
  });

  it('gives nothing when the first sentence already needs the page', () => {
    expect(slideSentences('The contract is as follows:', 200)).toBe('');
  });

  it('cuts a first sentence longer than the limit with an ellipsis', () => {
    expect(slideSentences('a'.repeat(30), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('tells page-bound sentences from free-standing ones', () => {
    expect(['Lumen\'s contract:', 'The list below.', 'See the checks above)', 'It does the following things.'].map(needsThePage)).toEqual([true, true, true, true]);
    expect(['Traffic stays below 100 requests a second.', 'Keep it above the threshold.', 'Colons: inside a sentence are fine.'].map(needsThePage)).toEqual([false, false, false]);
  });
});

describe('closingTitle', () => {
  it('is the preferred title unless a chapter slide has it, whatever its case', () => {
    expect(closingTitle('Summary', 'Chapter 58 in brief', ['Capstone: an agent contract first'])).toBe('Summary');
    expect(closingTitle('Summary', 'Chapter 58 in brief', ['Capstone', ' summary '])).toBe('Chapter 58 in brief');
  });
});

describe('the closing slides of a chapter with its own Summary slide and a capstone lead-in', () => {
  const root = mkdtempSync(join(tmpdir(), 'slides-summary-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(fixtureRoot('book'), root, { recursive: true });
  const chapter = join(root, 'chapters/50-fastapi/index.mdx');
  writeFileSync(chapter, readFileSync(chapter, 'utf8')
    .replace('The capstone puts the API in front of a fake model and tests it end to end.', 'The capstone puts the API in front of a fake model and tests it end to end. The requirements above are the tests. Its contract:')
    .concat('\n## Summary\n\nThe API is typed and tested.\n\n::::slide{title="Summary"}\n- Typed, tested, offline\n::::\n'));
  const deck = generateDecks(root, { renderings: fixtureRenderings, base: '/book/', chapters: ['50'] }).decks[0];

  it('titles the generated summary so that no two slides share a title', async () => {
    const parsed = await parse(deck?.markdown ?? '', '/decks/50-fastapi.md');
    const titles = parsed.slides.map((slide) => slide.title).filter(Boolean);
    expect(titles.filter((title) => title === 'Summary')).toHaveLength(1);
    expect(titles.slice(-3)).toEqual(['Summary', 'Chapter 50 in brief', 'In this chapter']);
  });

  it('quotes the capstone up to the sentence that needs the page, so it never ends on a colon', async () => {
    const parsed = await parse(deck?.markdown ?? '', '/decks/50-fastapi.md');
    const summary = parsed.slides.at(-2)?.content ?? '';
    expect(summary.trimEnd()).toMatch(/## Capstone\n\nThe capstone puts the API in front of a fake model and tests it end to end\.$/);
    expect(summary).not.toMatch(/above|contract|:\s*$/m);
  });
});
