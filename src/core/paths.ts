/**
 * Where the book's folders are, and the one check every include goes through: a path written in a chapter
 * must stay inside the folder it is relative to.
 *
 *   resolveInside('/repo', 'snippets', '53-kubernetes/deploy.yaml')  // → { ok: true, absolute: '/repo/snippets/53-kubernetes/deploy.yaml', relative: 'snippets/53-kubernetes/deploy.yaml' }
 *   resolveInside('/repo', 'snippets', '../package.json')             // → { ok: false, reason: 'escapes snippets/' }
 */
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';

export const CHAPTERS_DIR = 'chapters';
export const SNIPPETS_DIR = 'snippets';
export const DIAGRAMS_DIR = 'diagrams';

export type ResolvedPath =
  | { ok: true; absolute: string; relative: string }
  | { ok: false; reason: string };

/** Forward-slash form of a path, for messages and ids that must not depend on the OS. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** A path relative to the repository root, with forward slashes. */
export function repoRelative(root: string, absolute: string): string {
  return toPosix(relative(root, absolute));
}

/** Resolves `src` inside `root/base`, refusing absolute paths and anything that climbs out of `base`. */
export function resolveInside(root: string, base: string, src: string): ResolvedPath {
  if (src.trim() === '') return { ok: false, reason: 'is empty' };
  if (isAbsolute(src) || /^[a-zA-Z]:[\\/]/.test(src)) return { ok: false, reason: `is absolute; write it relative to ${base}/` };
  const baseAbsolute = resolve(root, base);
  const absolute = resolve(baseAbsolute, normalize(src));
  const fromBase = relative(baseAbsolute, absolute);
  if (fromBase === '' || fromBase.startsWith('..') || isAbsolute(fromBase)) {
    return { ok: false, reason: `escapes ${base}/` };
  }
  return { ok: true, absolute, relative: toPosix(join(base, fromBase)) };
}
