/**
 * Code on the slides is readable from the back of a room: the deck's Shiki pair (the site's Night Owl pair)
 * draws every token at MIN_CODE_CONTRAST or more on its code background, and wrapped lines get their indent
 * without a character of the code changing (issue: comments were #a0ada0 on #f5f5f5, 2.15:1; a wrapped
 * `--from-literal=` continued at column 0). The browser checks in tests/e2e measure the built decks.
 */
import { codeToHtml } from 'shiki';
import { bundledThemes } from 'shiki/themes';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColour, withContrast } from '../../src/core/colour.ts';
import { bookCodeThemes, CODE_BACKGROUND, MIN_CODE_CONTRAST, type CodeTheme } from '../../src/slides/code-theme.ts';
import { hangingIndent, indentColumns } from '../../src/slides/hanging-indent.ts';

const raw = {
  light: (await bundledThemes['night-owl-light']()).default as unknown as CodeTheme,
  dark: (await bundledThemes['night-owl']()).default as unknown as CodeTheme,
};
const themes = bookCodeThemes(raw);
const ratio = (colour: string, background: string) => contrastRatio(parseColour(colour), parseColour(background));

describe('withContrast', () => {
  it('keeps a colour that already reaches the minimum, made opaque', () => {
    expect(withContrast('#403f53', '#f6f7f9', 5.5)).toBe('#403f53');
    expect(withContrast('#00000080', '#ffffff', 1)).toBe('#7f7f7f');
  });

  it('moves a faint colour just far enough, darker on light and lighter on dark', () => {
    const light = withContrast('#a0ada0', '#f6f7f9', 5.5);
    expect(ratio(light, '#f6f7f9')).toBeGreaterThanOrEqual(5.5);
    expect(ratio(light, '#f6f7f9')).toBeLessThan(5.7);
    const dark = withContrast('#637777', '#23262f', 5.5);
    expect(ratio(dark, '#23262f')).toBeGreaterThanOrEqual(5.5);
    expect(parseColour(dark).g).toBeGreaterThan(0x77);
  });
});

describe('the deck code themes', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: every token colour and the text colour reach ${MIN_CODE_CONTRAST}:1 on ${CODE_BACKGROUND[scheme]}`, () => {
      const theme = themes[scheme];
      expect(theme.colors?.['editor.background']).toBe(CODE_BACKGROUND[scheme]);
      const colours = [theme.colors?.['editor.foreground'] ?? '', ...(theme.tokenColors ?? []).flatMap((rule) => rule.settings.foreground ?? [])];
      expect(colours.length).toBeGreaterThan(50);
      expect(colours.filter((colour) => ratio(colour, CODE_BACKGROUND[scheme]) < MIN_CODE_CONTRAST)).toEqual([]);
      expect((theme.tokenColors ?? []).filter((rule) => rule.settings.background)).toEqual([]);
    });

    it(`${scheme}: colours that were readable are kept as the theme has them`, () => {
      const before = raw[scheme].tokenColors ?? [];
      const after = themes[scheme].tokenColors ?? [];
      const kept = before.filter((rule, i) => rule.settings.foreground && ratio(rule.settings.foreground, CODE_BACKGROUND[scheme]) >= MIN_CODE_CONTRAST && after[i]?.settings.foreground?.toLowerCase() !== rule.settings.foreground.toLowerCase().slice(0, 7));
      expect(kept).toEqual([]);
      expect(themes[scheme].name).toBe(`book-${raw[scheme].name}`);
    });
  }
});

describe('hangingIndent', () => {
  it('counts leading spaces and tabs (to the next stop of 8) in columns', () => {
    expect(['x', '  - a', '\tb', '  \tc', '    '].map(indentColumns)).toEqual([0, 2, 8, 8, 4]);
  });

  it('puts each indented line\'s width on it as --book-indent and changes no character of the code', async () => {
    const code = 'spec:\n  containers:\n    - args: ["--from-literal=key=value"]\n\n\tdone';
    const html = await codeToHtml(code, { lang: 'yaml', themes: { light: themes.light as never, dark: themes.dark as never }, defaultColor: false, transformers: [hangingIndent()] });
    expect([...html.matchAll(/<span class="line"(?: style="([^"]*)")?>/g)].map((m) => m[1] ?? '')).toEqual(['', '--book-indent:2ch', '--book-indent:4ch', '', '--book-indent:8ch']);
    const text = html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x3C;/g, '<').replace(/&amp;/g, '&');
    expect(text).toBe(code);
  });
});
