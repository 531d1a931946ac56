/**
 * The colours of code on the slides: the site's pair (Starlight's Expressive Code draws code in Night Owl
 * Light and Night Owl), on the site's code backgrounds, with every token colour that falls short lifted to
 * MIN_CODE_CONTRAST, as Expressive Code lifts them on the site. Slidev's default pair (Vitesse) drew comments
 * at 2.15:1 in light, unreadable on a projector.
 *
 *   const themes = bookCodeThemes({ light: nightOwlLight, dark: nightOwl });
 *   themes.light.name                                   // → 'book-night-owl-light'
 *   themes.light.colors['editor.background']            // → '#f6f7f9' (CODE_BACKGROUND.light)
 *   themes.light.tokenColors[i].settings.foreground     // → the theme's colour, or the nearest one at 5.5:1
 *
 * Pure data in, data out: it runs in Node (Slidev's build) and in the deck's browser bundle alike.
 */
import { withContrast } from '../core/colour.ts';

/**
 * Expressive Code's default minimum (minSyntaxHighlightingColorContrast), so slide and page agree; above the
 * 4.5:1 of WCAG AA that the deck checks demand, with room for antialiasing.
 */
export const MIN_CODE_CONTRAST = 5.5;

/**
 * The site's code backgrounds (Starlight's --sl-color-gray-7 in light, --sl-color-gray-6 in dark, which its
 * Expressive Code theming uses); slides/theme/styles/book.css paints code blocks with the same two.
 */
export const CODE_BACKGROUND = { light: '#f6f7f9', dark: '#23262f' } as const;

/** The part of a VS Code / TextMate theme (a Shiki theme registration) that this module reads and writes. */
export interface CodeTheme {
  name: string;
  type?: string;
  colors?: Record<string, string>;
  tokenColors?: { scope?: string | string[]; settings: { foreground?: string; background?: string; fontStyle?: string } }[];
  [key: string]: unknown;
}

/** `theme` renamed, on `background`, with each colour short of MIN_CODE_CONTRAST lifted (the others kept). */
export function withReadableTokens(theme: CodeTheme, background: string, name: string): CodeTheme {
  const lift = (colour: string | undefined): string | undefined => (colour === undefined ? undefined : withContrast(colour, background, MIN_CODE_CONTRAST));
  const colors: Record<string, string> = { ...theme.colors, 'editor.background': background };
  const foreground = lift(theme.colors?.['editor.foreground']);
  if (foreground) colors['editor.foreground'] = foreground;
  return {
    ...theme,
    name,
    colors,
    // A token's own background (Night Owl marks invalid code so) would change what it is drawn on: dropped.
    tokenColors: (theme.tokenColors ?? []).map((rule) => {
      const { background: _background, ...settings } = rule.settings;
      const lifted = lift(settings.foreground);
      return { ...rule, settings: lifted === undefined ? settings : { ...settings, foreground: lifted } };
    }),
  };
}

/** The deck's pair: Shiki's `light` and `dark` themes (Night Owl Light and Night Owl) made readable. */
export function bookCodeThemes(themes: { light: CodeTheme; dark: CodeTheme }): { light: CodeTheme; dark: CodeTheme } {
  return {
    light: withReadableTokens(themes.light, CODE_BACKGROUND.light, `book-${themes.light.name}`),
    dark: withReadableTokens(themes.dark, CODE_BACKGROUND.dark, `book-${themes.dark.name}`),
  };
}
