/**
 * Parses MDX the way the site does (MDX + frontmatter + GFM tables + directives), so positions in diagnostics match the
 * file an author edits.
 */
import type { Root, Yaml } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);

/** Parses MDX text to mdast; throws the parser's own error (with a position) on invalid MDX. */
export function parseMdx(text: string): Root {
  return parser.parse(text);
}

/** The YAML text of the frontmatter block, if the file starts with one. */
export function frontmatterText(tree: Root): string | undefined {
  const first = tree.children[0];
  return first && first.type === 'yaml' ? (first as Yaml).value : undefined;
}
