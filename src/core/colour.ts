/**
 * WCAG 2.x colour arithmetic with no dependencies, so that it runs in Node and in a deck's browser bundle
 * alike (the diagram contrast probe, the deck checks and the deck theme's code colours use it).
 *
 *   contrastRatio(parseColour('rgb(0, 0, 0)'), parseColour('#fff'))   →  21
 *   toHex(composite(parseColour('#00000080'), parseColour('#ffffff')))  →  '#7f7f7f'
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Parses Chromium's computed-colour serialisation (`rgb(r, g, b)`, `rgba(r, g, b, a)`) or a theme's hex colour (`#rgb`, `#rrggbb`, `#rrggbbaa`). */
export function parseColour(css: string): Rgba {
  const hex = /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(css.trim());
  if (hex) {
    const digits = (hex[1] ?? '').length <= 4 ? [...(hex[1] ?? '')].map((d) => d + d).join('') : (hex[1] ?? '');
    const byte = (i: number): number => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return { r: byte(0), g: byte(1), b: byte(2), a: digits.length === 8 ? byte(3) / 255 : 1 };
  }
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)$/.exec(css.trim());
  if (!match) throw new Error(`cannot measure the colour ${JSON.stringify(css)} (expected rgb(), rgba() or #hex)`);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: match[4] === undefined ? 1 : Number(match[4]) };
}

/** `top` painted over `bottom` (source-over); an opaque `bottom` gives an opaque result. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number): number => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** WCAG 2.x relative luminance of an sRGB colour (alpha ignored). */
export function relativeLuminance(colour: Rgba): number {
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b);
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

export function toHex(colour: Rgba): string {
  const byte = (value: number): string => Math.round(Math.min(255, Math.max(0, value))).toString(16).padStart(2, '0');
  return `#${byte(colour.r)}${byte(colour.g)}${byte(colour.b)}`;
}


/**
 * `colour` as drawn on `background`, made opaque and, if it falls short of `min`:1 against it, moved
 * toward black (on a light background) or white (on a dark one) just far enough: the hue stays, only the
 * lightness changes, as Expressive Code does for the site's code (its minSyntaxHighlightingColorContrast).
 *
 *   withContrast('#a0ada0', '#f6f7f9', 5.5)  →  a darker grey-green at 5.5:1 or a hair above
 */
export function withContrast(colour: string, background: string, min: number): string {
  const under = parseColour(background);
  const start = composite(parseColour(colour), under);
  if (contrastRatio(start, under) >= min) return toHex(start);
  const pole = relativeLuminance(under) > 0.18 ? 0 : 255;
  const towards = (t: number): Rgba => ({ r: start.r + (pole - start.r) * t, g: start.g + (pole - start.g) * t, b: start.b + (pole - start.b) * t, a: 1 });
  // Bisect the share of black or white; then round to a hex that still reaches `min` (rounding may lose a hair).
  let [low, high] = [0, 1];
  for (let step = 0; step < 30; step += 1) {
    const mid = (low + high) / 2;
    if (contrastRatio(towards(mid), under) >= min) high = mid;
    else low = mid;
  }
  for (let t = high; t <= 1; t += 0.002) {
    const hex = toHex(towards(t));
    if (contrastRatio(parseColour(hex), under) >= min) return hex;
  }
  return toHex(towards(1));
}
