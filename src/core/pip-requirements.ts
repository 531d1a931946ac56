/**
 * The one reading of pip's include lines, shared by the runtimes (which files to lock) and verify-snippets
 * (which files a lock must cover).
 *
 *   requirementIncludes('-r requirements.txt\nfastapi==0.1  # -r not-this\n')   // → ['requirements.txt']
 */

/** Files named by `-r FILE` / `--requirement FILE` lines of a requirements file, relative to its folder, in order. */
export function requirementIncludes(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const match = /^(?:-r|--requirement)(?:\s+|=)(\S+)$/.exec(line);
    if (match?.[1] !== undefined) out.push(match[1]);
  }
  return out;
}
