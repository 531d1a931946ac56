/**
 * The small line under an included snippet that shows the reader it is a real file that was verified: the
 * tier it reached and the command that checks it again, plus a link to the file when `BOOK_REPO_URL` is set
 * (`repoUrl` as parseRepoUrl returns it).
 * It comes from the verification record verify-snippets writes (src/core/verification-record.ts), and only
 * for a file whose content is still the content that was verified; with no record there is no line.
 *
 *   testedCodeLine(entry, { repoUrl: 'https://github.com/org/book' })
 *   // → <p class="snippet-tested" data-pagefind-ignore>Verified: local tier (its example ran) · <code>npm run …</code> · <a>source</a></p>
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { RecordEntry } from '../core/verification-record.ts';
import { repoFileUrl } from './repo-url.ts';

function tierText(entry: RecordEntry): string {
  switch (entry.reached) {
    case 'static':
      return 'static tier (syntax and schema checks)';
    case 'local':
      return entry.example ? "local tier (its example's steps ran for real)" : 'local tier';
    case 'cluster':
      return entry.cluster === 'local'
        ? 'cluster tier (applied to a real API server with simulated nodes)'
        : entry.cluster === 'kind'
          ? 'cluster tier (deployed to a kind cluster)'
          : 'cluster tier (deployed to a cluster)';
  }
}

export function testedCodeLine(entry: RecordEntry, options: { repoUrl?: string | undefined } = {}): RootContent {
  const children: PhrasingContent[] = [
    { type: 'text', value: `Verified: ${tierText(entry)} · check it again with ` },
    { type: 'inlineCode', value: entry.command },
  ];
  if (options.repoUrl) {
    children.push({ type: 'text', value: ' · ' }, { type: 'link', url: repoFileUrl(options.repoUrl, entry.path), children: [{ type: 'text', value: 'source' }] });
  }
  return {
    type: 'paragraph',
    children,
    data: { hProperties: { className: ['snippet-tested'], 'data-pagefind-ignore': '', title: `${entry.path}, verified ${entry.verifiedAt.slice(0, 10)}` } },
  } as RootContent;
}
