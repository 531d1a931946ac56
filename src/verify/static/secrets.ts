/**
 * Secret scan over every snippet file: well-known credential formats, private key blocks, JWTs, and
 * `password=`/`api_key:`-style assignments whose literal value looks random. Kubernetes `Secret`
 * manifests are checked value by value (`stringData` as written, `data` after base64 decoding).
 * Obvious placeholders (`changeme`, `<your-key>`, `${VAR}`, `example`, `dummy`, `offline`, `xxxx`,
 * `REDACTED`, `sk-...`) are not secrets.
 *
 *   await secretsChecker.check('snippets/x/.env', 'OPENAI_API_KEY=sk-proj-4fK9...(real-looking)', context)
 *   // → { diagnostics: [{ line: 1, column: 16, rule: 'secret-api-key', message: 'Possible OpenAI API key ...' }] }
 */
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { isManifestFile } from './manifests.ts';
import { extensionOf } from './paths.ts';
import type { StaticChecker } from './types.ts';
import { locateInYaml, parseYamlSource } from './yaml-source.ts';

interface Pattern {
  rule: string;
  what: string;
  regex: RegExp;
}

const PATTERNS: Pattern[] = [
  { rule: 'secret-private-key', what: 'private key block', regex: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  { rule: 'secret-aws-key', what: 'AWS access key id', regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { rule: 'secret-github-token', what: 'GitHub token', regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { rule: 'secret-api-key', what: 'Anthropic API key', regex: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { rule: 'secret-api-key', what: 'OpenAI-style API key', regex: /\bsk-(?!ant-)(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g },
  { rule: 'secret-slack-token', what: 'Slack token', regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g },
  { rule: 'secret-api-key', what: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { rule: 'secret-jwt', what: 'JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
];

/** `password = "..."`, `api_key: ...`, `"client_secret": "..."`, `DB_PASSWORD=...` (name, then value). */
const ASSIGNMENT =
  /(["']?)([A-Za-z0-9_.-]*(?:password|passwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|token)[A-Za-z0-9_-]*)\1\s*(?::=|=|:)[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'`,;#]+))/gi;

const PLACEHOLDER_WORDS =
  /change[-_ ]?me|example|dummy|placeholder|your[-_ ]|redacted|offline|sample|fake|replace|todo|not[-_ ]?a[-_ ]?real|insert|xxx|\*\*\*|\.\.\./i;

export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text === '' || PLACEHOLDER_WORDS.test(text)) return true;
  if (/^<.*>$/.test(text) || /\$\{|\$\(|\{\{|%\(|^\$[A-Za-z_]/.test(text)) return true; // templates and variables
  if (/^(.)\1*$/.test(text.replace(/^(?:sk-|ghp_|AKIA)/, ''))) return true; // xxxxxxxx, 00000000
  return /^(?:none|null|nil|true|false|secret|password|token|required|optional)$/i.test(text);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A literal that looks generated or hand-made secret: long enough, mixed character classes, random. */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || /[()[\]{}<>$%]/.test(value) || /^https?:/.test(value) || /^[./~]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 2 && entropy(value) >= 3;
}

function lineColumn(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Findings in a piece of text (a whole file, or one decoded Secret value). */
function scanText(text: string): { offset: number; rule: string; message: string }[] {
  const found: { offset: number; rule: string; message: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const value = match[0];
      if (pattern.rule === 'secret-private-key') {
        const body = text.slice((match.index ?? 0) + value.length, (match.index ?? 0) + value.length + 200);
        if (!/[A-Za-z0-9+/]{40,}/.test(body)) continue; // `...` or `<your key here>` instead of key material
      } else if (isPlaceholder(value) || (pattern.rule === 'secret-aws-key' && value.endsWith('EXAMPLE'))) {
        continue;
      }
      found.push({ offset: match.index ?? 0, rule: pattern.rule, message: `Possible ${pattern.what} (${redact(value)})` });
    }
  }
  for (const match of text.matchAll(ASSIGNMENT)) {
    const name = match[2] ?? '';
    const value = match[3] ?? match[4] ?? match[5] ?? '';
    // Names of things that hold or point at secrets (a file, a Secret's name, a Dapr secret store), not secrets.
    if (/tokeni[sz]|max_?tokens|token_?(?:url|endpoint|path|file|limit|count|type)|_?(?:file|path|ref|name|id|store|stores)$/i.test(name)) continue;
    if (isPlaceholder(value) || !looksRandom(value)) continue;
    // An upper-case identifier is the name of an environment variable or of a Secret's key, not its value.
    if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) continue;
    // An unquoted dotted name is code reading a value (`usage.prompt_tokens`), not a literal secret.
    if (match[5] !== undefined && /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value)) continue;
    const offset = (match.index ?? 0) + match[0].lastIndexOf(value);
    if (found.some((f) => Math.abs(f.offset - offset) < value.length)) continue;
    found.push({ offset, rule: 'secret-assignment', message: `"${name}" is assigned a literal that looks like a real secret (${redact(value)})` });
  }
  return found;
}

function redact(value: string): string {
  return value.length <= 8 ? `${value.slice(0, 2)}…` : `${value.slice(0, 6)}…`;
}

const HINT = 'Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.';

function scanKubernetesSecrets(path: string, content: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const source = parseYamlSource(content);
  if (source.errors.length > 0) return diagnostics;
  for (const document of source.documents) {
    const manifest = document.toJS() as Record<string, unknown> | null;
    if (!manifest || typeof manifest !== 'object' || manifest['kind'] !== 'Secret') continue;
    for (const field of ['stringData', 'data'] as const) {
      const entries = manifest[field];
      if (!entries || typeof entries !== 'object') continue;
      for (const [key, raw] of Object.entries(entries as Record<string, unknown>)) {
        if (typeof raw !== 'string') continue;
        const value = field === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
        if (isPlaceholder(value)) continue;
        const patterned = scanText(value).filter((f) => f.rule !== 'secret-assignment');
        if (patterned.length === 0 && !looksRandom(value.trim())) continue;
        diagnostics.push(
          diagnostic({
            file: path,
            ...locateInYaml(source, document, [field, key], 'value'),
            rule: 'secret-k8s-secret',
            message: `Secret ${field}.${key} holds a real-looking value${field === 'data' ? ' (after base64 decoding)' : ''}${patterned[0] ? `: ${patterned[0].message}` : ''}`,
            hint: 'Keep Secret manifests in the book with placeholder values, or create the Secret with kubectl create secret from the environment.',
          }),
        );
      }
    }
  }
  return diagnostics;
}

/** Lines holding the values of Secret `data`/`stringData` (checked value by value, decoded). */
function secretValueLines(content: string): Set<number> {
  const lines = new Set<number>();
  const source = parseYamlSource(content);
  if (source.errors.length > 0) return lines;
  for (const document of source.documents) {
    const manifest = document.toJS() as Record<string, unknown> | null;
    if (!manifest || typeof manifest !== 'object' || manifest['kind'] !== 'Secret') continue;
    for (const field of ['stringData', 'data']) {
      const entries = manifest[field];
      if (!entries || typeof entries !== 'object') continue;
      for (const key of Object.keys(entries)) lines.add(locateInYaml(source, document, [field, key], 'value').line);
    }
  }
  return lines;
}

export const secretsChecker: StaticChecker = {
  name: 'secrets',
  applies: (path, content) => extensionOf(path) !== 'mmd' && !content.includes('\u0000'),
  async check(path, content) {
    const isSecretManifest = /\bSecret\b/.test(content) && isManifestFile(path, content);
    const valueLines = isSecretManifest ? secretValueLines(content) : new Set<number>();
    const diagnostics: Diagnostic[] = scanText(content)
      .map((found) => diagnostic({ file: path, ...lineColumn(content, found.offset), rule: found.rule, message: found.message, hint: HINT }))
      .filter((found) => found.rule !== 'secret-assignment' || !valueLines.has(found.line));
    if (isSecretManifest) {
      for (const found of scanKubernetesSecrets(path, content)) {
        if (!diagnostics.some((d) => d.line === found.line)) diagnostics.push(found);
      }
    }
    return { diagnostics };
  },
};
