/**
 * Turns Mermaid's error text into a position inside the diagram text and a one-line message.
 *
 *   parseMermaidError("Parse error on line 3:\n...A --> B --> C\n-----^\nExpecting 'AMP', got 'LINK'", 3)
 *     → { line: 3, column: 0, message: "Parse error on line 3: Expecting 'AMP', got 'LINK'" }
 *   parseMermaidError('Parsing failed:  Parse error on line 3, column 7: Expecting token …', null)
 *     → { line: 3, column: 7, message: 'Parsing failed: Parse error on line 3, column 7: Expecting token …' }
 *
 * Lines are 1-based within the diagram text; 1 when Mermaid names no line (e.g. an unknown diagram type).
 * The context excerpt with the caret is dropped: the diagnostic's file:line points at the real line.
 */
import { diagnostic } from '../core/diagnostics.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { DiagramSource } from './types.ts';

export interface MermaidErrorPosition {
  line: number;
  column: number;
  message: string;
}

export function parseMermaidError(rawMessage: string, reportedLine: number | null): MermaidErrorPosition {
  const lines = rawMessage.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    // Jison prints "…excerpt…" then "-----^": drop both.
    if (/^-*\^\s*$/.test(next)) {
      i += 1;
      continue;
    }
    if (text.trim() !== '') kept.push(text.trim());
  }
  const message = kept.join(' ').replace(/\s{2,}/g, ' ').replace(/:$/, '');
  const found = /\bline (\d+)(?:, column (\d+))?/i.exec(rawMessage);
  const line = reportedLine ?? (found?.[1] ? Number(found[1]) : 1);
  const column = found?.[2] ? Number(found[2]) : 0;
  return { line: Math.max(1, line), column, message };
}

/** A Mermaid error as a diagnostic at the right line of the file the diagram was written in. */
export function mermaidErrorDiagnostic(origin: DiagramSource['origin'], position: MermaidErrorPosition): Diagnostic {
  return diagnostic({
    file: origin.file,
    line: origin.line + position.line - 1,
    column: position.column,
    message: `Mermaid syntax error: ${position.message}`,
    hint: 'Fix the Mermaid text at that line, then run `npm run diagrams`',
    rule: 'diagram-syntax',
  });
}
