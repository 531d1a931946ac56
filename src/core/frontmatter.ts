/**
 * The chapter frontmatter contract, checked before anything is built.
 *
 *   ---
 *   title: Kubernetes for AI Services
 *   chapter: 53                      # integer 50–61, unique across the book
 *   stage: orchestration             # one of the four stage ids; must be the stage that holds the chapter
 *   description: Run the agent service on a cluster …
 *   goals:                           # non-empty list, shown at the top of the chapter page
 *     - Deploy the agent with a Deployment and a Service
 *   prerequisites:                   # optional list
 *     - Chapter 51
 *   ---
 *
 * Starlight's own frontmatter fields (sidebar, tableOfContents, …) are allowed alongside; anything else is
 * a mistake and is reported with a "did you mean".
 */
import { parseDocument, LineCounter, isMap, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { STAGE_IDS, stageById, stageOfChapter, FIRST_CHAPTER, LAST_CHAPTER } from './stages.ts';
import { didYouMean } from './suggest.ts';

const nonEmpty = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`);

export const chapterFrontmatterSchema = z.object({
  title: nonEmpty('title'),
  chapter: z
    .number({ error: 'chapter must be a whole number from 50 to 61' })
    .int('chapter must be a whole number from 50 to 61')
    .min(FIRST_CHAPTER, 'chapter must be a whole number from 50 to 61')
    .max(LAST_CHAPTER, 'chapter must be a whole number from 50 to 61'),
  stage: z.enum(STAGE_IDS, { error: `stage must be one of: ${STAGE_IDS.join(', ')}` }),
  description: nonEmpty('description'),
  goals: z.array(nonEmpty('each goal'), { error: 'goals must be a list of learning goals' }).min(1, 'goals must list at least one learning goal'),
  prerequisites: z.array(nonEmpty('each prerequisite'), { error: 'prerequisites must be a list' }).optional(),
});

export type ChapterFrontmatter = z.infer<typeof chapterFrontmatterSchema>;

/** Frontmatter keys Starlight understands; allowed on every page. */
const STARLIGHT_KEYS = [
  'title', 'description', 'slug', 'editUrl', 'head', 'tableOfContents', 'template', 'hero', 'lastUpdated',
  'prev', 'next', 'pagefind', 'draft', 'sidebar', 'banner',
];
const CHAPTER_KEYS = ['chapter', 'stage', 'goals', 'prerequisites'];
/**
 * Keys of plain pages (not chapters): `section: book` puts the page in the reading order after the chapters
 * (the Part 7 capstone); `instructors` lists it under "For instructors" (the lecture decks), out of the
 * reading order; `contributing`, the default, lists it under Contributing (the authoring guide).
 */
const PAGE_KEYS = ['section'];
export const PAGE_SECTIONS = ['book', 'instructors', 'contributing'] as const;
export type PageSection = (typeof PAGE_SECTIONS)[number];

export interface FrontmatterResult<T> {
  data: T | undefined;
  diagnostics: Diagnostic[];
}

/** Where a frontmatter key sits in the chapter file (the YAML block starts on line 2). */
function keyPosition(doc: Document, counter: LineCounter, key: string, offsetLine: number): { line: number; column: number } {
  const contents = doc.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) {
        const pos = counter.linePos(pair.key.range[0]);
        return { line: pos.line + offsetLine, column: pos.col };
      }
    }
  }
  return { line: offsetLine, column: 1 };
}

/**
 * Parses and validates a frontmatter YAML block.
 * @param yamlText the text between the `---` fences
 * @param file repo-relative path of the page, for messages
 * @param kind 'chapter' applies the chapter schema; 'page' only checks for unknown keys
 */
export function checkFrontmatter(yamlText: string, file: string, kind: 'chapter'): FrontmatterResult<ChapterFrontmatter>;
export function checkFrontmatter(yamlText: string, file: string, kind: 'page'): FrontmatterResult<Record<string, unknown>>;
export function checkFrontmatter(yamlText: string, file: string, kind: 'chapter' | 'page'): FrontmatterResult<unknown> {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  // Line 1 of the file is the opening `---`, so YAML line 1 is file line 2.
  const offsetLine = 1;
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const pos = counter.linePos(error.pos[0]);
    diagnostics.push(diagnostic({
      file, line: pos.line + offsetLine, column: pos.col, rule: 'frontmatter-yaml',
      message: `Frontmatter is not valid YAML: ${error.message.split('\n')[0]}`,
      hint: 'Fix the YAML between the --- lines at the top of the file.',
    }));
  }
  if (diagnostics.length > 0) return { data: undefined, diagnostics };
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    diagnostics.push(diagnostic({ file, line: 2, column: 1, rule: 'frontmatter-shape', message: 'Frontmatter must be a YAML mapping of keys to values', hint: 'Write it as "key: value" lines.' }));
    return { data: undefined, diagnostics };
  }
  const known = kind === 'chapter' ? [...STARLIGHT_KEYS, ...CHAPTER_KEYS] : [...STARLIGHT_KEYS, ...PAGE_KEYS];
  for (const key of Object.keys(raw)) {
    if (known.includes(key)) continue;
    if (kind === 'page' && CHAPTER_KEYS.includes(key)) continue;
    const suggestion = didYouMean(key, known);
    diagnostics.push(diagnostic({
      file, ...keyPosition(doc, counter, key, offsetLine), rule: 'frontmatter-unknown-key',
      message: `Unknown frontmatter field "${key}"`,
      hint: suggestion || `Known fields: ${known.join(', ')}.`,
    }));
  }
  if (kind === 'page') {
    const section = (raw as Record<string, unknown>)['section'];
    if (section !== undefined && !(PAGE_SECTIONS as readonly unknown[]).includes(section)) {
      diagnostics.push(diagnostic({
        file, ...keyPosition(doc, counter, 'section', offsetLine), rule: 'frontmatter-field',
        message: `Frontmatter field "section" must be ${PAGE_SECTIONS.slice(0, -1).join(', ')} or ${PAGE_SECTIONS.at(-1)} (got ${JSON.stringify(section)})`,
        hint: 'section: book puts a page in the reading order after the chapters; instructors lists it under For instructors; contributing (the default) lists it under Contributing.',
      }));
    }
    return { data: diagnostics.length ? undefined : (raw as Record<string, unknown>), diagnostics };
  }

  const parsed = chapterFrontmatterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'frontmatter');
      const missing = (raw as Record<string, unknown>)[field] === undefined;
      diagnostics.push(diagnostic({
        file, ...keyPosition(doc, counter, field, offsetLine), rule: 'frontmatter-field',
        message: missing ? `Frontmatter field "${field}" is missing` : `Frontmatter field "${field}": ${issue.message}`,
        hint: fieldHint(field),
      }));
    }
    return { data: undefined, diagnostics };
  }
  const data = parsed.data;
  const expected = stageOfChapter(data.chapter);
  if (expected && expected.id !== data.stage) {
    diagnostics.push(diagnostic({
      file, ...keyPosition(doc, counter, 'stage', offsetLine), rule: 'frontmatter-stage',
      message: `Chapter ${data.chapter} belongs to the stage "${expected.id}", not "${data.stage}" (${stageById(data.stage)?.title ?? data.stage})`,
      hint: `Set "stage: ${expected.id}", or check the chapter number.`,
    }));
  }
  return { data: diagnostics.length ? undefined : data, diagnostics };
}

function fieldHint(field: string): string {
  switch (field) {
    case 'chapter':
      return 'Write the chapter number as a bare integer, e.g. "chapter: 53".';
    case 'stage':
      return `Use one of: ${STAGE_IDS.join(', ')}.`;
    case 'goals':
      return 'List what the reader will be able to do, one "- goal" line each.';
    case 'prerequisites':
      return 'List prerequisites as "- item" lines, or remove the field.';
    default:
      return `Add a non-empty "${field}:" line to the frontmatter.`;
  }
}
