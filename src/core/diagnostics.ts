/**
 * The one shape for every problem the toolkit reports: a place, what is wrong, and what to do.
 *
 *   chapters/53-kubernetes/index.mdx:41:1  error  Unknown region "probez" in snippets/53-kubernetes/deploy/deployment.yaml  [snippet-region]
 *     hint: Regions in that file: probes, resources. Did you mean "probes"?
 *
 * Expected failures (bad input) are `BookError`s and are printed with `formatDiagnostic`, never with a
 * stack trace. Anything else that is thrown is a bug in the toolkit and keeps its stack.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Repository-relative path with forward slashes, e.g. `chapters/53-kubernetes/index.mdx`. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when unknown. */
  column: number;
  severity: Severity;
  /** What is wrong, as one sentence. */
  message: string;
  /** What to do about it. */
  hint?: string | undefined;
  /** A stable id for the rule that fired, e.g. `snippet-region` or `k8s-unknown-field`. */
  rule?: string | undefined;
}

export interface DiagnosticInput {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  severity?: Severity | undefined;
  message: string;
  hint?: string | undefined;
  rule?: string | undefined;
}

/** Fills in defaults (error severity, line/column 0) so every diagnostic has the same shape. */
export function diagnostic(input: DiagnosticInput): Diagnostic {
  return {
    file: input.file,
    line: input.line ?? 0,
    column: input.column ?? 0,
    severity: input.severity ?? 'error',
    message: input.message,
    hint: input.hint,
    rule: input.rule,
  };
}

/** An expected failure caused by the book's content or a user's input. Carries one or more diagnostics. */
export class BookError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? (diagnostics as readonly Diagnostic[]) : [diagnostics as Diagnostic];
    super(list.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'BookError';
    this.diagnostics = list;
  }
}

export function isBookError(error: unknown): error is BookError {
  return error instanceof BookError || (error instanceof Error && error.name === 'BookError' && 'diagnostics' in error);
}

/** `file:line:col` with the parts that are known. */
export function formatLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (d.line <= 0) return d.file;
  if (d.column <= 0) return `${d.file}:${d.line}`;
  return `${d.file}:${d.line}:${d.column}`;
}

/** Renders a diagnostic as two lines at most: location, severity, message [rule], then the hint. */
export function formatDiagnostic(d: Diagnostic): string {
  const rule = d.rule ? `  [${d.rule}]` : '';
  const head = `${formatLocation(d)}  ${d.severity}  ${d.message}${rule}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** Sorts by file, line, column so reports read top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
