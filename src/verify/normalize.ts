/**
 * Normalises command output so that what varies from run to run (pod-name hashes, ages, IPs, timestamps,
 * durations, UUIDs, temporary paths) compares equal. Expected-output files are stored in this form.
 *
 *   normalizeOutput('agent-7d9f8c6b5-x2kqp   1/1   Running   0   3m12s')
 *   // → 'agent-[HASH]   1/1   Running   0   [AGE]'
 *   normalizeOutput('1 passed in 0.42s', { tempDirs: ['/tmp/vs-abc'] })
 *   // → '1 passed in [DURATION]'
 */

export interface NormalizeOptions {
  /** Exact temporary folders used by the run; replaced by `[TMP]` before the generic patterns apply. */
  tempDirs?: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Characters Kubernetes uses for generated name suffixes (no vowels, no 0/1/3). */
const K8S = '[bcdfghjklmnpqrstvwxz2456789]';
const B = '(?<![\\w.:/-])'; // start boundary: not inside a word, number, path or host name
const E = '(?![\\w.:/-]*\\w)'; // end boundary

/** Ordered: earlier rules protect text that later, looser rules would otherwise eat. */
const RULES: readonly (readonly [RegExp, string])[] = [
  // UUIDs
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[UUID]'],
  // ISO 8601 / RFC 3339 timestamps, also with a space (Python logging) and a comma before the fraction
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\b/g, '[TIMESTAMP]'],
  // RFC 1123 / HTTP dates: Mon, 02 Jan 2006 15:04:05 GMT
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})/g, '[TIMESTAMP]'],
  // klog prefixes: I0501 12:34:56.789012
  [/\b[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\b/g, '[TIMESTAMP]'],
  // Common log dates: 01/May/2024:12:34:56 +0000
  [/\b\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?/g, '[TIMESTAMP]'],
  // Bare clock times in log prefixes: 12:34:56 or 12:34:56.789
  [/\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '[TIME]'],
  // IPv4 addresses (with an optional port kept as is)
  [/\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g, '[IP]'],
  // IPv6 addresses with at least two groups around a ::, or full form
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/gi, '[IP]'],
  // Deployment pods and replica sets: agent-7d9f8c6b5-x2kqp, agent-7d9f8c6b5
  [new RegExp(`\\b([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(?=${K8S}{0,9}\\d)${K8S}{6,10}(?:-${K8S}{5})?\\b`, 'g'), '$1-[HASH]'],
  // Durations: 0.42s, 120ms, 35µs, 1.5m
  [new RegExp(`${B}\\d+(?:\\.\\d+)?(?:ms|µs|us|ns)${E}|${B}\\d+\\.\\d+(?:s|m|h)${E}`, 'g'), '[DURATION]'],
  // Ages as kubectl prints them: 5s, 3m12s, 2d, 10h; never a value after `key:` or `=` (`cpu: 250m` is a
  // CPU quantity in millicores, not 250 minutes)
  [new RegExp(`${B}(?<![:=]\\s*"?)(?=\\d)(?:\\d+d)?(?:\\d+h)?(?:\\d+m)?(?:\\d+s)?(?<=[dhms])${E}`, 'g'), '[AGE]'],
];

const TEMP_PATH = /(?:\/private)?\/(?:tmp|var\/folders\/[\w/]+?\/T)\/[^\s'":,)\]]+/g;

/** Normalises one text; also turns CRLF into LF and strips trailing spaces. */
export function normalizeOutput(text: string, options: NormalizeOptions = {}): string {
  let out = text.replace(/\r\n?/g, '\n');
  // ANSI colour codes never belong in expected output.
  out = out.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  const dirs = [...(options.tempDirs ?? [])].sort((a, b) => b.length - a.length);
  for (const dir of dirs) out = out.replace(new RegExp(escapeRegExp(dir), 'g'), '[TMP]');
  // asyncio debug mode (unittest's IsolatedAsyncioTestCase turns it on) warns about every step over 0.1 s:
  // whole lines that say only how loaded the machine was.
  out = out.replace(/^Executing <.*> took \d+\.\d+ seconds\n?/gm, '');
  out = out.replace(TEMP_PATH, '[TMP]');
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
