/**
 * A YAML file read with positions, and a schema's complaints about it turned into `file:line:col`
 * diagnostics. Every YAML input the toolkit validates (example manifests, the Part 7 capstone spec) goes
 * through here, so their errors point at the same places and read the same way.
 *
 *   const located = parseLocated('snippets/x/verify.yaml', text, 'verify-manifest');   // throws BookError on bad YAML
 *   positionOf(located, ['steps', 0, 'run'])                 // → { line: 4, column: 10 }
 *   const parsed = schema.safeParse(located.value);
 *   if (!parsed.success) throw new BookError(schemaDiagnostics(located, parsed.error.issues, { rule, keysAllowedAt, hintFor }));
 *   // → "snippets/x/verify.yaml:3:5 Unknown key "stpes" in the manifest … Did you mean steps? Allowed keys: …"
 */
import type { z } from 'zod';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { BookError, diagnostic, type Diagnostic } from './diagnostics.ts';
import { didYouMean } from './suggest.ts';

export interface Located {
  /** Repo-relative path, for diagnostics. */
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The document as plain data (`{}` for an empty file). */
  value: unknown;
}

/** Parses one YAML document with positions; invalid YAML (and duplicate keys) throw a located BookError. */
export function parseLocated(file: string, source: string, rule: string, what = 'the file'): Located {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new BookError(
      doc.errors.map((error) => {
        const pos = lines.linePos(error.pos[0]);
        return diagnostic({ file, line: pos.line, column: pos.col, message: `Invalid YAML: ${error.message.split('\n')[0] ?? error.code}`, hint: `Fix the YAML syntax of ${what}.`, rule });
      }),
    );
  }
  return { file, doc, lines, value: doc.toJS() ?? {} };
}

/** Position (1-based) of the YAML node at `path`, or of the key `key` inside it, falling back to parents. */
export function positionOf(located: Pick<Located, 'doc' | 'lines'>, path: readonly PropertyKey[], key?: string): { line: number; column: number } {
  const at = (offset: number) => {
    const pos = located.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).map((k) => (typeof k === 'symbol' ? String(k) : k));
    const node = (depth === 0 ? located.doc.contents : located.doc.getIn(keys, true)) as YamlNode | null | undefined;
    if (!node || !('range' in node) || !node.range) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
    }
    if (depth < path.length && isMap(node)) {
      // Point at the key of the missing/invalid child when we can.
      const child = path[depth];
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === child);
      if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
    }
    return at(node.range[0]);
  }
  return { line: 1, column: 1 };
}

/** `steps[0].run`; `root` for the empty path. */
export function pathLabel(path: readonly PropertyKey[], root = 'the manifest'): string {
  let label = '';
  for (const part of path) label += typeof part === 'number' ? `[${part}]` : label === '' ? String(part) : `.${String(part)}`;
  return label === '' ? root : label;
}

/** The plain value at `path`, or undefined. */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export interface SchemaMessages {
  rule: string;
  /** The keys allowed in the object at `path` (for "did you mean" on an unknown key). */
  keysAllowedAt: (path: readonly PropertyKey[]) => readonly string[];
  /** The hint for a wrong value at `path`. */
  hintFor: (path: readonly PropertyKey[]) => string;
  /** How the whole document is called in messages ("the manifest"). */
  root?: string;
}

/** A zod schema's issues as located diagnostics: unknown keys with a suggestion, missing and wrong values. */
export function schemaDiagnostics(located: Located, issues: readonly z.core.$ZodIssue[], messages: SchemaMessages): Diagnostic[] {
  const { file } = located;
  const { rule, root } = messages;
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const allowed = messages.keysAllowedAt(issue.path);
        const suggestion = didYouMean(key, allowed);
        out.push(
          diagnostic({
            file,
            ...positionOf(located, issue.path, key),
            message: `Unknown key "${key}" in ${pathLabel(issue.path, root)}`,
            hint: `${suggestion ? `${suggestion} ` : ''}Allowed keys: ${allowed.join(', ')}.`,
            rule,
          }),
        );
      }
      continue;
    }
    const value = valueAt(located.value, issue.path);
    const missing = value === undefined;
    const what = issue.code === 'invalid_union' ? `invalid value ${JSON.stringify(value)}` : issue.message;
    out.push(
      diagnostic({
        file,
        ...positionOf(located, issue.path),
        message: missing ? `${pathLabel(issue.path, root)} is required` : `${pathLabel(issue.path, root)}: ${what}`,
        hint: messages.hintFor(issue.path),
        rule,
      }),
    );
  }
  return out;
}
