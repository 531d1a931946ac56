/**
 * The text of the generated closing slides, which quote the chapter out of its page.
 *
 *   slideSentences('Write the spec first. The spec is P1–P11 above. Lumen’s version:', 200)
 *     → 'Write the spec first.'          (stops before the first sentence that needs the page)
 *   closingTitle('Summary', 'Chapter 58 in brief', ['Capstone: …', 'Summary'])
 *     → 'Chapter 58 in brief'            (a chapter slide already has the title)
 *
 * A paragraph copied onto a slide loses what was around it in the book: the list a lead-in ("Lumen's
 * version:") introduced, and the requirements "above". Such a sentence would leave the slide ending on a
 * colon or pointing at nothing, so the quote ends before it.
 */

/** A sentence that introduces what follows it on the page (its list, its code block). */
const LEAD_IN = /:\s*$/;

/**
 * A sentence that points at the page: "P1–P11 above", "the requirements below are", "the following", "as
 * follows". "Above" or "below" a quantity or a thing ("stays above half a second", "below 100 ms", "above
 * the threshold") is a comparison, not a pointer.
 */
const POINTS_AT_PAGE = /\b(?:above|below)\b(?!\s+(?:[\d$€£~≈]|half\b|zero\b|the\b|a\b|an\b|its\b|their\b|that\b|this\b|one\b|two\b|three\b))|\bthe following\b|\bas follows\b/i;

/** Sentences of plain text: split after `.`, `!` or `?` followed by white space (so "1.0.9" stays whole). */
function sentences(clean: string): string[] {
  return clean.split(/(?<=[.!?])\s+/).filter((sentence) => sentence !== '');
}

/** Whether a sentence makes sense only where the book prints it. */
export function needsThePage(sentence: string): boolean {
  return LEAD_IN.test(sentence) || POINTS_AT_PAGE.test(sentence);
}

/**
 * The opening of `value` that can stand on a slide: whole sentences up to `max` characters, ending before
 * the first sentence that needs the page; '' when the very first one does. A first sentence longer than
 * `max` is cut at `max - 1` characters with an ellipsis.
 */
export function slideSentences(value: string, max: number): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  const all = sentences(clean);
  const usable: string[] = [];
  for (const sentence of all) {
    if (needsThePage(sentence)) break;
    usable.push(sentence);
  }
  if (usable.length === 0) return '';
  const first = usable[0] ?? '';
  if (first.length > max) return `${first.slice(0, max - 1).trimEnd()}…`;
  let out = first;
  for (const sentence of usable.slice(1)) {
    if (out.length + 1 + sentence.length > max) break;
    out += ` ${sentence}`;
  }
  return out;
}

/**
 * A title for a generated slide that no chapter slide already has (compared without case or surrounding
 * space): `preferred`, or `fallback` when a chapter slide uses `preferred`. Two slides both called
 * "Summary" read as a mistake.
 */
export function closingTitle(preferred: string, fallback: string, taken: readonly string[]): string {
  const key = (title: string) => title.trim().toLowerCase();
  return taken.some((title) => key(title) === key(preferred)) ? fallback : preferred;
}
