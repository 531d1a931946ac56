/**
 * Examples that build on an earlier one. An example's `verify.yaml` may say
 *
 *   extends: ../../50-fastapi/lumen     # an earlier example folder, relative to this example
 *   remove: [tests/test_old.py]         # files or folders of the base that this example deletes
 *
 * and its folder then holds only the files it adds or changes. This module reads that chain (extends of
 * extends), shared by verify-snippets (which materialises base + overlay into a temporary copy) and by the
 * `diff` option of `::snippet` (which shows a file against the same path in the base).
 *
 *   resolveOverlayChain('/repo', 'snippets/53-kubernetes/manifests')
 *   // → { ok: true, layers: [{ dir: 'snippets/50-fastapi/lumen', … }, { dir: 'snippets/51-docker/lumen', … }, { dir: 'snippets/53-kubernetes/manifests', … }] }
 *   baseFileOf('/repo', 'snippets/51-docker/lumen/lumen/app.py')
 *   // → { ok: true, value: { path: 'snippets/50-fastapi/lumen/lumen/app.py', example: 'snippets/51-docker/lumen', base: 'snippets/50-fastapi/lumen' } }
 *
 * Only `extends`, `remove` and `requirements` are read here; the rest of the manifest is src/verify's.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { SNIPPETS_DIR } from './paths.ts';
import { fail, type Resolution } from './resolution.ts';

export const MANIFEST_FILE = 'verify.yaml';
const RULE = 'verify-extends';

export interface OverlayLayer {
  /** Repo-relative example folder. */
  dir: string;
  /** Repo-relative path of its verify.yaml. */
  manifest: string;
  /** `extends` as written, with its position, when the layer extends another example. */
  extends?: { value: string; line: number; column: number } | undefined;
  /** Example-relative paths this layer deletes from the layers below it (normalised, no trailing slash). */
  remove: string[];
  /** The layer's own `requirements`, example-relative, when it sets one. */
  requirements?: string | undefined;
  /** The layer's `support` entries, example-relative. */
  support?: string[] | undefined;
}

export type OverlayChain = { ok: true; layers: OverlayLayer[] } | { ok: false; diagnostics: Diagnostic[] };

interface Position {
  line: number;
  column: number;
}

/** Normalises an example-relative path; undefined when it is absolute or climbs out of the example. */
export function exampleRelative(path: string): string | undefined {
  if (path.trim() === '' || posix.isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) return undefined;
  const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (clean === '.' || clean === '..' || clean.startsWith('../')) return undefined;
  return clean;
}

/** Reads the overlay keys of one manifest. Malformed values are left to the manifest schema (src/verify). */
function readLayer(root: string, dir: string): { layer: OverlayLayer } | undefined {
  const manifest = `${dir}/${MANIFEST_FILE}`;
  let source: string;
  try {
    source = readFileSync(join(root, manifest), 'utf8');
  } catch {
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const layer: OverlayLayer = { dir, manifest, remove: [] };
  const contents = doc.contents as YamlNode | null;
  if (doc.errors.length > 0 || !isMap(contents)) return { layer };
  const at = (node: { range?: [number, number, number] | null | undefined }): Position => {
    const pos = lines.linePos(node.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  for (const pair of contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = pair.key.value;
    const value = pair.value as YamlNode | null;
    if (key === 'extends' && isScalar(value) && typeof value.value === 'string') layer.extends = { value: value.value, ...at(pair.key) };
    if (key === 'requirements' && isScalar(value) && typeof value.value === 'string') layer.requirements = value.value;
    if (key === 'support' && isSeq(value)) layer.support = value.items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : []));
    if (key === 'remove' && isSeq(value)) {
      for (const item of value.items) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        const clean = exampleRelative(item.value);
        if (clean !== undefined) layer.remove.push(clean);
      }
    }
  }
  return { layer };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The chain of example folders `dir` is built from, base first and `dir` last (just `[dir]` when it
 * extends nothing). Errors point at the `extends` key that is wrong: a base that escapes snippets/, does not
 * exist, has no verify.yaml, or closes a cycle.
 */
export function resolveOverlayChain(root: string, dir: string, start?: OverlayLayer): OverlayChain {
  const chain: OverlayLayer[] = [];
  const seen = new Set<string>();
  let current = dir;
  for (;;) {
    // The starting layer may come from a manifest text the caller already parsed; bases are read from disk.
    const layer = (chain.length === 0 ? start : undefined) ?? readLayer(root, current)?.layer ?? { dir: current, manifest: `${current}/${MANIFEST_FILE}`, remove: [] };
    seen.add(current);
    chain.push(layer);
    if (!layer.extends) return { ok: true, layers: chain.reverse() };
    const where = { file: layer.manifest, line: layer.extends.line, column: layer.extends.column, rule: RULE };
    const written = layer.extends.value;
    const target = posix.normalize(posix.join(current, written.replace(/\\/g, '/'))).replace(/\/+$/, '');
    if (posix.isAbsolute(written) || !target.startsWith(`${SNIPPETS_DIR}/`)) {
      return { ok: false, diagnostics: [diagnostic({ ...where, message: `extends "${written}" points outside ${SNIPPETS_DIR}/`, hint: `Give the path of an earlier example folder relative to ${current}/, e.g. ../../50-fastapi/lumen.` })] };
    }
    if (target === current || `${target}/`.startsWith(`${current}/`) || `${current}/`.startsWith(`${target}/`)) {
      return { ok: false, diagnostics: [diagnostic({ ...where, message: `extends "${written}" names ${target}, which is this example or a folder around or inside it`, hint: 'An example extends a separate, earlier example folder.' })] };
    }
    if (!isDirectory(join(root, target))) {
      return { ok: false, diagnostics: [diagnostic({ ...where, message: `extends "${written}": the base example ${target}/ does not exist`, hint: `Check the path; it is relative to ${current}/.` })] };
    }
    if (!existsSync(join(root, target, MANIFEST_FILE))) {
      return { ok: false, diagnostics: [diagnostic({ ...where, message: `extends "${written}": ${target}/ has no ${MANIFEST_FILE}, so it is not an example`, hint: `Extend the example folder that holds the ${MANIFEST_FILE} (a parent of ${target}/?), or add one there.` })] };
    }
    if (seen.has(target)) {
      const names = [...chain.map((l) => l.dir), target].join(' → ');
      return { ok: false, diagnostics: [diagnostic({ ...where, message: `extends forms a cycle: ${names}`, hint: 'Each example must extend an earlier one; remove the extends that points back.' })] };
    }
    current = target;
  }
}

/** The nearest example folder (one holding verify.yaml) containing the repo-relative `path`, up to snippets/. */
export function exampleDirOf(root: string, path: string): string | undefined {
  for (let dir = posix.dirname(path); dir.startsWith(`${SNIPPETS_DIR}/`); dir = posix.dirname(dir)) {
    if (existsSync(join(root, dir, MANIFEST_FILE))) return dir;
  }
  return undefined;
}

/** True when `relative` is `removed` itself or lies inside the removed folder. */
export function isRemovedBy(relative: string, removed: readonly string[]): boolean {
  return removed.some((entry) => relative === entry || relative.startsWith(`${entry}/`));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where the example-relative `relative` comes from in the materialised `layers` (base first): the
 * repo-relative file of the topmost layer that has it, unless a layer above that one removes it.
 */
export function fileInLayers(root: string, layers: readonly OverlayLayer[], relative: string): string | undefined {
  for (let index = layers.length - 1; index >= 0; index -= 1) {
    const layer = layers[index] as OverlayLayer;
    const path = `${layer.dir}/${relative}`;
    if (isFile(join(root, path)) || isDirectory(join(root, path))) return path;
    if (isRemovedBy(relative, layer.remove)) return undefined;
  }
  return undefined;
}

export interface BaseFile {
  /** Repo-relative file in the base the diff is taken against. */
  path: string;
  /** The example folder holding the shown file. */
  example: string;
  /** The example it extends. */
  base: string;
}

/** For a file of an overlay example, the same example-relative file in its (materialised) base. */
export function baseFileOf(root: string, path: string): Resolution<BaseFile> {
  const example = exampleDirOf(root, path);
  if (!example) {
    return fail('snippet-diff', `${path} is not part of an example (no ${MANIFEST_FILE} in its folder or above it), so it has no base to diff against`, `Add extends: <earlier example> to the ${MANIFEST_FILE} of its example, or drop the diff option.`);
  }
  const chain = resolveOverlayChain(root, example);
  if (!chain.ok) {
    const first = chain.diagnostics[0] as Diagnostic;
    return fail('snippet-diff', `${first.file}:${first.line}:${first.column}: ${first.message}`, first.hint ?? 'Fix the extends key of that manifest.');
  }
  const own = chain.layers[chain.layers.length - 1] as OverlayLayer;
  if (chain.layers.length < 2) {
    return fail('snippet-diff', `${path} cannot be shown as a diff: its example ${example}/ extends no other example`, `Add extends: <path of the earlier example> to ${own.manifest}, or drop the diff option.`);
  }
  const relative = path.slice(example.length + 1);
  const baseLayers = chain.layers.slice(0, -1);
  const baseDir = (baseLayers[baseLayers.length - 1] as OverlayLayer).dir;
  const found = fileInLayers(root, baseLayers, relative);
  if (!found || !isFile(join(root, found))) {
    return fail('snippet-diff', `The base example ${baseDir}/ has no ${relative} to diff ${path} against`, 'The diff option shows how a file changed from the base; for a file the overlay adds, drop the option.');
  }
  return { ok: true, value: { path: found, example, base: baseDir } };
}
