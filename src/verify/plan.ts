/**
 * Decides what a run verifies: every file under `snippets/` (included by a chapter, covered by an example
 * manifest, or neither yet), narrowed by --chapter / --snippet / --changed. Also finds files no chapter uses and included files
 * that nothing verifies.
 *
 *   const plan = await planRun(root, book, { chapter: 53 }, checkers);
 *   plan.files     // → [{ path: 'snippets/53-k8s/deploy/deployment.yaml', chapters: ['chapters/53-k8s/index.mdx'], example: Manifest }]
 *   plan.unused    // → ['snippets/53-k8s/old.yaml']
 */
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { diagnostic, isBookError, type Diagnostic } from '../core/diagnostics.ts';
import { loadManifest, MANIFEST_NAME, type Manifest } from './manifest.ts';
import type { Book, StaticCheckers } from './types.ts';

export const SNIPPETS = 'snippets';
/** Checkers that scan any text but say nothing about whether the snippet is right: they do not count as verification. */
const NOT_VERIFICATION = new Set(['secrets']);
const IGNORED_DIRS = new Set(['__pycache__', 'node_modules', '.venv', '.pytest_cache', '.mypy_cache', '.ruff_cache']);

export interface Selection {
  chapter?: number | undefined;
  /** A file or folder, relative to snippets/ or to the repository. */
  snippet?: string | undefined;
  /** Repo-relative paths that changed; undefined means no --changed filter. */
  changed?: ReadonlySet<string> | undefined;
  /** Under --update, expected-output files named in manifests may be missing. */
  update?: boolean | undefined;
}

export interface PlannedFile {
  path: string;
  chapters: string[];
  /** The first include of this file, for diagnostics about it. */
  firstInclude?: { file: string; line: number; column: number } | undefined;
  example?: Manifest | undefined;
}

export interface Plan {
  /** Every file under snippets/, repo-relative. */
  all: string[];
  files: PlannedFile[];
  /** Examples with at least one selected file, by folder. */
  examples: Map<string, Manifest>;
  /** Files under snippets/ that no chapter includes and no manifest refers to (only for unfiltered runs). */
  unused: string[];
  /** Errors in manifests. */
  problems: Diagnostic[];
  /** Included files that nothing verifies, with the error to attach to them. */
  unverified: Map<string, Diagnostic>;
  filtered: boolean;
}

/** All files under `snippets/`, repo-relative, sorted. */
export async function listSnippetFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string) => {
    let entries;
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) await walk(child);
      } else if (entry.isFile()) out.push(child);
    }
  };
  await walk(SNIPPETS);
  return out.sort();
}

/** The nearest example (manifest folder) containing `path`. */
export function exampleFor(path: string, examples: ReadonlyMap<string, Manifest>): Manifest | undefined {
  let dir = posix.dirname(path);
  while (dir !== '.' && dir !== '' && dir !== '/') {
    const found = examples.get(dir);
    if (found) return found;
    dir = posix.dirname(dir);
  }
  return undefined;
}

function normalizeSnippetArgument(snippet: string): string {
  const clean = posix.normalize(snippet.replace(/\\/g, '/')).replace(/\/+$/, '');
  return clean.startsWith(`${SNIPPETS}/`) || clean === SNIPPETS ? clean : `${SNIPPETS}/${clean}`;
}

export async function planRun(root: string, book: Book, selection: Selection, checkers: Pick<StaticCheckers, 'staticCheckersFor'>, read: (path: string) => Promise<string>): Promise<Plan> {
  const all = await listSnippetFiles(root);
  const problems: Diagnostic[] = [];

  // Manifests.
  const examples = new Map<string, Manifest>();
  for (const file of all.filter((f) => posix.basename(f) === MANIFEST_NAME)) {
    try {
      const manifest = await loadManifest(root, file, { allowMissingExpect: selection.update ?? false });
      examples.set(manifest.dir, manifest);
    } catch (error) {
      if (!isBookError(error)) throw error;
      problems.push(...error.diagnostics);
    }
  }

  // What chapters (and the pages that are not chapters, such as the capstone) include.
  const includedBy = new Map<string, PlannedFile>();
  const existing = new Set(all);
  for (const chapter of [...book.chapters, ...(book.pages ?? [])]) {
    for (const include of chapter.includes) {
      if (include.kind !== 'snippet' || !existing.has(include.path)) continue;
      const entry = includedBy.get(include.path) ?? { path: include.path, chapters: [], firstInclude: { file: include.chapterFile, line: include.line, column: include.column } };
      if (!entry.chapters.includes(chapter.file)) entry.chapters.push(chapter.file);
      includedBy.set(include.path, entry);
    }
  }

  // Candidates: every file under snippets/ (except an example's manifest itself). A file no chapter includes
  // yet is still checked statically: its author learns about a broken file before the chapter exists.
  const candidates = new Map<string, PlannedFile>();
  for (const path of all) {
    if (posix.basename(path) === MANIFEST_NAME && examples.has(posix.dirname(path))) continue;
    const example = exampleFor(path, examples);
    const included = includedBy.get(path);
    // Not included and not in an example: worth a row only when a checker can say something about it.
    if (!included && !example && checkersFor(path, await read(path)).length === 0) continue;
    candidates.set(path, { path, chapters: included?.chapters ?? [], firstInclude: included?.firstInclude, example });
  }

  // Narrowing.
  let selected = [...candidates.values()];
  const filtered = selection.chapter !== undefined || selection.snippet !== undefined || selection.changed !== undefined;
  if (selection.chapter !== undefined) {
    const files = new Set(book.chapters.filter((c) => c.number === selection.chapter).map((c) => c.file));
    const examplesOfChapter = new Set(selected.filter((f) => f.chapters.some((c) => files.has(c)) && f.example).map((f) => f.example?.dir));
    selected = selected.filter((f) => f.chapters.some((c) => files.has(c)) || (f.example && examplesOfChapter.has(f.example.dir)));
  }
  if (selection.snippet !== undefined) {
    const target = normalizeSnippetArgument(selection.snippet);
    const hit = selected.filter((f) => f.path === target || f.path.startsWith(`${target}/`));
    const touchedExamples = new Set(hit.map((f) => f.example?.dir).filter(Boolean));
    selected = selected.filter((f) => hit.includes(f) || (f.example && touchedExamples.has(f.example.dir)));
  }
  if (selection.changed !== undefined) {
    const changed = selection.changed;
    // An example changed when a file of it, or of an example it extends, changed.
    const changedExamples = new Set([...examples.values()].filter((m) => m.layers.some((layer) => [...changed].some((p) => p === layer.dir || p.startsWith(`${layer.dir}/`)))).map((m) => m.dir));
    selected = selected.filter((f) => changed.has(f.path) || f.chapters.some((c) => changed.has(c)) || (f.example && changedExamples.has(f.example.dir)));
  }

  // Included files that nothing verifies (a secrets scan alone does not count).
  const unverified = new Map<string, Diagnostic>();
  for (const file of selected) {
    if (file.example || file.chapters.length === 0) continue;
    const checkers = file.path.endsWith('.mmd') ? ['mermaid'] : checkersFor(file.path, await read(file.path));
    if (checkers.length === 0) {
      const at = file.firstInclude ?? { file: file.path, line: 0, column: 0 };
      unverified.set(
        file.path,
        diagnostic({
          ...at,
          message: `${file.path} is shown in the book but nothing verifies it: no static checker applies and no ${MANIFEST_NAME} covers it`,
          hint: `Add a ${MANIFEST_NAME} beside the example with steps that run it (for output files: a step whose expect names it).`,
          rule: 'snippet-unverified',
        }),
      );
    }
  }

  // Files under snippets/ nobody uses. A manifest's references may be folders (`apply: [k8s/]`, an image's
  // build context): everything inside them is used.
  const unused: string[] = [];
  if (!filtered) {
    const used = new Set<string>([...includedBy.keys()]);
    const usedFolders: string[] = [];
    for (const manifest of examples.values()) {
      used.add(manifest.file);
      for (const path of manifest.referenced) {
        const clean = path.replace(/\/+$/, '');
        used.add(clean);
        usedFolders.push(`${clean}/`);
      }
    }
    // A hash lock (`requirements.lock`) belongs to the requirements file it locks: used when that file is.
    const isUsed = (file: string) => used.has(file) || usedFolders.some((folder) => file.startsWith(folder));
    for (const file of all) if (!isUsed(file) && !(file.endsWith('.lock') && isUsed(file.replace(/\.lock$/, '.txt')))) unused.push(file);
  }

  const examplesSelected = new Map<string, Manifest>();
  for (const file of selected) if (file.example) examplesSelected.set(file.example.dir, file.example);
  return { all, files: selected, examples: examplesSelected, unused, problems, unverified, filtered };

  function checkersFor(path: string, content: string): string[] {
    return checkers.staticCheckersFor(path, content).filter((name) => !NOT_VERIFICATION.has(name));
  }
}
