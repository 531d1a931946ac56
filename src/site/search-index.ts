/**
 * What Pagefind indexes of a code block. Pagefind reads the built HTML, code blocks included, and builds its
 * excerpts from whatever it indexed; a Markdown file shown as code (a review table, a README) was indexed as
 * its raw source, so results showed "| | 4 | no readiness probe | readiness on /readyz |" and fences. This
 * Expressive Code plugin marks code blocks whose language is Markdown `data-pagefind-ignore`: the reader
 * still sees them (with their copy button), search no longer quotes them. Code in every other language
 * stays in the index, so an API name or a command shown only in code is still found.
 *
 *   ```md title="review.md"        → <div class="expressive-code" data-pagefind-ignore>…</div>
 *   ```yaml                        → unchanged, searchable
 */
import type { Element } from 'hast';

/** Languages whose source is Markdown markup rather than code a reader would search for. */
export const MARKUP_LANGUAGES: ReadonlySet<string> = new Set(['md', 'markdown', 'mdx']);

export function markdownCodeOutOfSearch() {
  return {
    name: 'book:markdown-code-out-of-search',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }: { codeBlock: { language: string }; renderData: { blockAst: Element } }) => {
        if (MARKUP_LANGUAGES.has(codeBlock.language.toLowerCase())) renderData.blockAst.properties['dataPagefindIgnore'] = '';
      },
    },
  };
}
