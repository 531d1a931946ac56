/**
 * The verification record: what the last verify-snippets runs proved of each snippet file, kept beside the
 * result cache so the site can show a reader that a snippet is a real, tested file — and only when it is.
 * verify-snippets writes it after every run (merging: a `--chapter 52` run updates 52's files and keeps the
 * rest); the site reads it at build time. An entry counts only while the file still has the content it was
 * verified with, so an edited snippet loses its line until it is verified again.
 *
 *   await writeVerificationRecord(root, [{ path: 'snippets/52-kafka/lumen/main.py', reached: 'local', … }]);
 *   const record = readVerificationRecord(root);            // { entries: Map, problem?: string }
 *   freshEntry(record, 'snippets/52-kafka/lumen/main.py', currentText)   // → the entry, or undefined if stale
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Where the record lives, relative to the book's root (git-ignored, like the result cache beside it). */
export const RECORD_PATH = '.cache/verify-snippets/record.json';
const FORMAT = 1;

export const VERIFIED_TIERS = ['static', 'local', 'cluster'] as const;
export type VerifiedTier = (typeof VERIFIED_TIERS)[number];

const entrySchema = z.object({
  /** Repo-relative path of the snippet file. */
  path: z.string(),
  /** sha256 of the file's content when it was verified. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The highest tier whose checks all passed. */
  reached: z.enum(VERIFIED_TIERS),
  /** For the cluster tier: a kind cluster, the current context, or the local control plane with simulated nodes. */
  cluster: z.enum(['kind', 'current', 'local']).optional(),
  /** Repo-relative example folder (holding verify.yaml) that ran it, if any. */
  example: z.string().optional(),
  /** The command that checks this file again. */
  command: z.string(),
  /** ISO date-time of the run. */
  verifiedAt: z.string(),
});
export type RecordEntry = z.infer<typeof entrySchema>;

const recordSchema = z.object({ format: z.literal(FORMAT), entries: z.array(entrySchema) });

export interface VerificationRecord {
  entries: Map<string, RecordEntry>;
  /** Why the record could not be read (missing is not a problem: there is simply nothing verified). */
  problem?: string | undefined;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function readVerificationRecord(root: string): VerificationRecord {
  let text: string;
  try {
    text = readFileSync(join(root, RECORD_PATH), 'utf8');
  } catch {
    return { entries: new Map() };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { entries: new Map(), problem: `${RECORD_PATH}: not JSON (${(error as Error).message}); run npm run verify-snippets to write it again` };
  }
  const result = recordSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { entries: new Map(), problem: `${RECORD_PATH}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}; run npm run verify-snippets to write it again` };
  }
  return { entries: new Map(result.data.entries.map((entry) => [entry.path, entry])) };
}

/** The entry for `path` if the file still has the content it was verified with. */
export function freshEntry(record: VerificationRecord, path: string, text: string): RecordEntry | undefined {
  const entry = record.entries.get(path);
  return entry && entry.sha256 === contentHash(text) ? entry : undefined;
}

/**
 * Merges a run's outcome into the record: `verified` entries replace earlier ones (except an entry for the
 * same content that reached a higher tier: a `--static-only` run does not demote a file a full run took to
 * the local tier), `failed` paths are removed, every other entry is kept. Written atomically.
 */
export function writeVerificationRecord(root: string, verified: readonly RecordEntry[], failed: readonly string[] = []): void {
  const current = readVerificationRecord(root).entries;
  for (const path of failed) current.delete(path);
  const rank = (tier: VerifiedTier) => VERIFIED_TIERS.indexOf(tier);
  for (const entry of verified) {
    const before = current.get(entry.path);
    if (before && before.sha256 === entry.sha256 && rank(before.reached) > rank(entry.reached)) continue;
    current.set(entry.path, entry);
  }
  const entries = [...current.values()].sort((a, b) => a.path.localeCompare(b.path));
  const file = join(root, RECORD_PATH);
  mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ format: FORMAT, entries }, null, 2)}\n`);
  renameSync(temp, file);
}
