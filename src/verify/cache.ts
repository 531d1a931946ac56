/**
 * Remembers passing check results under `.cache/verify-snippets/`, keyed by a hash of everything that could
 * change them (snippet content, manifest, tool versions). Only results that ALL passed are stored: a skipped
 * or failed check is re-run next time, never remembered as a pass.
 *
 *   const cache = new ResultCache(join(root, '.cache/verify-snippets'), { enabled: true });
 *   const key = cacheKey(['static', path, content, versions]);
 *   (await cache.get(key)) ?? (await cache.set(key, await check()))
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CheckResult } from './types.ts';

export const CACHE_DIR = '.cache/verify-snippets';
const FORMAT = 1;

export function cacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`verify-snippets/${FORMAT}`);
  for (const part of parts) {
    hash.update('\0');
    hash.update(part);
  }
  return hash.digest('hex');
}

const diagnosticSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  hint: z.string().optional(),
  rule: z.string().optional(),
});
const entrySchema = z.object({
  format: z.literal(FORMAT),
  results: z.array(
    z.object({
      tier: z.enum(['static', 'local', 'cluster']),
      name: z.string(),
      status: z.literal('passed'),
      diagnostics: z.array(diagnosticSchema),
      detail: z.string().optional(),
      durationMs: z.number(),
    }),
  ),
});

export class ResultCache {
  readonly dir: string;
  readonly enabled: boolean;
  /** How many lookups found a stored result, for the summary. */
  hits = 0;

  constructor(dir: string, options: { enabled: boolean }) {
    this.dir = dir;
    this.enabled = options.enabled;
  }

  async get(key: string): Promise<CheckResult[] | undefined> {
    if (!this.enabled) return undefined;
    let text: string;
    try {
      text = await readFile(join(this.dir, `${key}.json`), 'utf8');
    } catch {
      return undefined;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) return undefined;
    this.hits += 1;
    return parsed.data.results.map((r) => ({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, hint: d.hint, rule: d.rule })), detail: r.detail, cached: true }));
  }

  /** Stores the results when every one passed (and there is at least one); returns them unchanged. */
  async set(key: string, results: CheckResult[]): Promise<CheckResult[]> {
    if (!this.enabled || results.length === 0 || results.some((r) => r.status !== 'passed')) return results;
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${key}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    const entry = { format: FORMAT, results: results.map(({ cached: _cached, skipReason: _skip, ...rest }) => rest) };
    await writeFile(temporary, `${JSON.stringify(entry)}\n`);
    await rename(temporary, file);
    return results;
  }
}
