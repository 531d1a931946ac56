/**
 * Region markers inside snippet files, written in the file's own comment syntax:
 *
 *   # Python, YAML, shell, Dockerfile, TOML:   #region probes        …   #endregion probes
 *                                        or:   # #region probes      …   # #endregion probes
 *   // TypeScript, JavaScript, Go, JSONC:      // #region probes     …   // #endregion probes
 *   <!-- HTML, XML, Markdown -->:              <!-- #region probes -->   …   <!-- #endregion probes -->
 *   %% Mermaid:                                %% #region probes     …   %% #endregion probes
 *
 * `#endregion` may omit its name, closing the innermost open region. Regions may nest. Marker lines are
 * never shown to readers: they are removed from every excerpt, whole files included.
 *
 *   scanRegions(text, { start: '#' })
 *   // → { lines: ['a: 1', …], regions: Map { 'probes' → { name, startLine: 3, endLine: 9, content: [4…8] } }, problems: [] }
 */
import type { CommentSyntax } from './languages.ts';

export interface Region {
  name: string;
  /** 1-based line of the `#region` marker. */
  startLine: number;
  /** 1-based line of the matching `#endregion` marker. */
  endLine: number;
  /** 1-based line numbers of the region's own lines, marker lines of nested regions excluded. */
  content: number[];
}

export interface RegionProblem {
  line: number;
  message: string;
  hint: string;
}

export interface RegionScan {
  /** The file's lines (no trailing empty line for a final newline). */
  lines: string[];
  regions: Map<string, Region>;
  /** 1-based numbers of every line that is not a marker. */
  visible: number[];
  problems: RegionProblem[];
}

interface Marker {
  kind: 'start' | 'end';
  name: string | undefined;
}

const NAME = '([A-Za-z0-9][A-Za-z0-9_.-]*)';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A function recognising marker lines for one comment syntax. */
function markerMatcher(comment: CommentSyntax): (line: string) => Marker | undefined {
  const start = escape(comment.start);
  const end = comment.end ? `\\s*${escape(comment.end)}` : '';
  // For `#` languages the comment sign itself may be the `#` of `#region`.
  const lead = comment.start === '#' ? '(?:#|#\\s*#)' : `${start}\\s*#`;
  const pattern = new RegExp(`^\\s*${lead}(region|endregion)(?:\\s+${NAME})?${end}\\s*$`);
  return (line) => {
    const match = pattern.exec(line);
    if (!match) return undefined;
    return { kind: match[1] === 'region' ? 'start' : 'end', name: match[2] };
  };
}

/** Splits text into lines, ignoring the newline at the very end of the file. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Finds every region of a file; a file in a format without comments has no regions. */
export function scanRegions(text: string, comment: CommentSyntax | undefined): RegionScan {
  const lines = splitLines(text);
  const regions = new Map<string, Region>();
  const problems: RegionProblem[] = [];
  const visible: number[] = [];
  if (!comment) {
    return { lines, regions, visible: lines.map((_, i) => i + 1), problems };
  }
  const match = markerMatcher(comment);
  const open: Region[] = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const marker = match(line);
    if (!marker) {
      visible.push(lineNumber);
      for (const region of open) region.content.push(lineNumber);
      return;
    }
    if (marker.kind === 'start') {
      if (!marker.name) {
        problems.push({ line: lineNumber, message: '#region without a name', hint: 'Write the region name after #region, e.g. "#region probes".' });
        return;
      }
      if (regions.has(marker.name) || open.some((r) => r.name === marker.name)) {
        problems.push({ line: lineNumber, message: `Region "${marker.name}" is defined twice`, hint: 'Give each region in a file its own name.' });
        // Still track it, so its #endregion is not reported a second time as stray.
      }
      open.push({ name: marker.name, startLine: lineNumber, endLine: 0, content: [] });
      return;
    }
    const innermost = open[open.length - 1];
    if (!innermost) {
      problems.push({ line: lineNumber, message: `#endregion${marker.name ? ` ${marker.name}` : ''} has no matching #region`, hint: 'Remove the marker or add the #region line it closes.' });
      return;
    }
    if (marker.name && marker.name !== innermost.name) {
      problems.push({
        line: lineNumber,
        message: `#endregion ${marker.name} closes region "${innermost.name}", which is still open`,
        hint: `Regions must nest: close "${innermost.name}" (opened on line ${innermost.startLine}) first.`,
      });
      return;
    }
    open.pop();
    innermost.endLine = lineNumber;
    if (!regions.has(innermost.name)) regions.set(innermost.name, innermost);
  });
  for (const region of open) {
    problems.push({
      line: region.startLine,
      message: `Region "${region.name}" is never closed`,
      hint: `Add "#endregion ${region.name}" (in the file's comment syntax) where the region ends.`,
    });
  }
  return { lines, regions, visible, problems };
}

/** Removes the indentation that all non-blank lines share. */
export function dedent(lines: readonly string[]): string[] {
  let shared: number | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    shared = shared === undefined ? indent : Math.min(shared, indent);
  }
  return shared ? lines.map((line) => line.slice(shared)) : [...lines];
}
