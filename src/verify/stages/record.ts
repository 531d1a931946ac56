/**
 * Last stage: what this run proved goes into the verification record (src/core/verification-record.ts), which
 * the site reads to show, under each included snippet, the tier it reached and the command that checks it.
 * A snippet that failed loses its entry; one that was skipped keeps the entry of an earlier run.
 *
 *   recordStage(root, run.snippets, (path) => readFileSync(join(root, path), 'utf8'), new Date(), options.cluster);
 */
import { contentHash, writeVerificationRecord, type RecordEntry } from '../../core/verification-record.ts';
import type { ClusterMode } from '../cluster/session.ts';
import type { SnippetResult } from '../types.ts';

export function recordStage(root: string, snippets: readonly SnippetResult[], read: (path: string) => string | undefined, now: Date, cluster?: ClusterMode): void {
  const verified: RecordEntry[] = [];
  const failed: string[] = [];
  for (const snippet of snippets) {
    if (snippet.status === 'failed') {
      failed.push(snippet.path);
      continue;
    }
    if (snippet.reached === 'none') continue;
    const text = read(snippet.path);
    if (text === undefined) continue;
    verified.push({
      path: snippet.path,
      sha256: contentHash(text),
      reached: snippet.reached,
      ...(snippet.reached === 'cluster' && cluster ? { cluster } : {}),
      ...(snippet.example ? { example: snippet.example } : {}),
      command: `npm run verify-snippets -- --snippet ${snippet.example ?? snippet.path}`,
      verifiedAt: now.toISOString(),
    });
  }
  writeVerificationRecord(root, verified, failed);
}
