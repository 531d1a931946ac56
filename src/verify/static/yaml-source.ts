/**
 * YAML files with positions: parses every document of a file once, keeps the `yaml` package's node
 * ranges (`<<` merge keys resolved, as kubectl and go-yaml do), and turns a JSON path (`['spec', 'template', 'spec', 'containers', 0, 'ports']`) back into
 * the 1-based line and column of that key or value.
 *
 *   const source = parseYamlSource(text);
 *   source.errors                                  // → syntax errors with line/column
 *   locateInYaml(source, source.documents[0], ['spec', 'replicaz'], 'key')  // → { line: 7, column: 3 }
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';

export interface YamlPosition {
  line: number;
  column: number;
}

export interface YamlSyntaxError extends YamlPosition {
  message: string;
  code: string;
}

export interface YamlSource {
  documents: Document.Parsed[];
  errors: YamlSyntaxError[];
  warnings: YamlSyntaxError[];
  lineCounter: LineCounter;
}

/** The last few parses, by content: several checkers (and `applies`) read the same file in a row. */
const recent = new Map<string, YamlSource>();
const RECENT_LIMIT = 4;

/** Parses once per content (the result is shared: treat it as read-only). */
export function parseYamlSource(content: string): YamlSource {
  const cached = recent.get(content);
  if (cached) return cached;
  const source = parseFresh(content);
  recent.set(content, source);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  return source;
}

function parseFresh(content: string): YamlSource {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(content, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const documents: Document.Parsed[] = [...parsed];
  const errors: YamlSyntaxError[] = [];
  const warnings: YamlSyntaxError[] = [];
  // An empty stream carries its own (stream-level) errors besides the documents' ones.
  const streamErrors = 'empty' in parsed ? ((parsed as { errors?: YAMLError[] }).errors ?? []) : [];
  const list = [...documents.flatMap((doc) => doc.errors), ...streamErrors];
  for (const error of list) {
    const position = lineCounter.linePos(error.pos[0]);
    errors.push({ line: position.line, column: position.col, message: firstLine(error.message), code: error.code });
  }
  for (const warning of documents.flatMap((doc) => doc.warnings)) {
    const position = lineCounter.linePos(warning.pos[0]);
    warnings.push({ line: position.line, column: position.col, message: firstLine(warning.message), code: warning.code });
  }
  return { documents, errors, warnings, lineCounter };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

export function positionOf(source: YamlSource, offset: number): YamlPosition {
  const position = source.lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

/**
 * The place of `path` inside `document`: the key of the last segment (`'key'`) or its value (`'value'`).
 * Falls back to the deepest part of the path that exists, so a position is always returned.
 */
export function locateInYaml(
  source: YamlSource,
  document: Document.Parsed,
  path: readonly (string | number)[],
  want: 'key' | 'value' = 'key',
): YamlPosition {
  let node: YamlNode | null | undefined = document.contents;
  let keyOffset = node?.range?.[0] ?? 0;
  let valueOffset = keyOffset;
  for (const segment of path) {
    let next: YamlNode | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return positionOf(source, keyOffset);
      keyOffset = (pair.key as YamlNode).range?.[0] ?? keyOffset;
      next = pair.value as YamlNode | null;
      valueOffset = next?.range?.[0] ?? keyOffset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      next = node.items[segment] as YamlNode;
      keyOffset = next.range?.[0] ?? keyOffset;
      valueOffset = keyOffset;
    } else {
      return positionOf(source, keyOffset);
    }
    node = next;
  }
  return positionOf(source, want === 'value' ? valueOffset : keyOffset);
}
