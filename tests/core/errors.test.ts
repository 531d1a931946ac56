/**
 * Every error (and warning) an author can meet, pinned as the exact text they will read:
 * file:line:col, severity, what is wrong [rule], then a hint saying what to do.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { applyBookDirectives } from '../../src/core/directives.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { checkFrontmatter } from '../../src/core/frontmatter.ts';
import { parseMdx } from '../../src/core/parse.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures/root');

/** Runs one line of MDX through the core and returns the formatted diagnostics. */
function problems(mdx: string): string {
  const result = applyBookDirectives(parseMdx(mdx), { root, file: 'chapters/53-kubernetes/index.mdx', source: mdx });
  return result.diagnostics.map(formatDiagnostic).join('\n');
}

describe('snippet errors', () => {
  test('missing src', () => {
    expect(problems('::snippet{region="x"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  ::snippet needs a src attribute  [snippet-src]
        hint: Write the file path relative to snippets/, e.g. ::snippet{src="53-kubernetes/deploy/deployment.yaml"}."
    `);
  });
  test('missing file, with a near sibling suggested', () => {
    expect(problems('intro\n\n::snippet{src="53-kubernetes/deploy/deployment.yml"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:3:1  error  Snippet file snippets/53-kubernetes/deploy/deployment.yml does not exist  [snippet-missing]
        hint: Did you mean "deployment.yaml"?"
    `);
  });
  test('path escaping snippets/', () => {
    expect(problems('::snippet{src="../../package.json"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Snippet path "../../package.json" escapes snippets/  [snippet-path]
        hint: Snippets must live inside snippets/; write src relative to that folder without ".."."
    `);
  });
  test('absolute path', () => {
    expect(problems('::snippet{src="/etc/passwd"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Snippet path "/etc/passwd" is absolute; write it relative to snippets/  [snippet-path]
        hint: Snippets must live inside snippets/; write src relative to that folder without ".."."
    `);
  });
  test('unknown region', () => {
    expect(problems('::snippet{src="53-kubernetes/deploy/deployment.yaml" region="probez"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Unknown region "probez" in snippets/53-kubernetes/deploy/deployment.yaml  [snippet-region]
        hint: Regions in that file: probes. Did you mean "probes"?"
    `);
  });
  test('unterminated region in the snippet file', () => {
    expect(problems('::snippet{src="shared/broken.yaml" region="open"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  snippets/shared/broken.yaml:2: Region "open" is never closed  [snippet-markers]
        hint: Add "#endregion open" (in the file's comment syntax) where the region ends."
    `);
  });
  test('regions that cross instead of nesting', () => {
    expect(problems('::snippet{src="shared/crossed.ts"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  snippets/shared/crossed.ts:5: #endregion outer closes region "inner", which is still open  [snippet-markers]
        hint: Regions must nest: close "inner" (opened on line 3) first."
    `);
  });
  test('region asked of a format without comments', () => {
    expect(problems('::snippet{src="shared/config.json" region="x"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  snippets/shared/config.json cannot have regions: its format has no comments  [snippet-region]
        hint: Use lines="N-M" to show part of this file instead."
    `);
  });
  test('lines out of range', () => {
    expect(problems('::snippet{src="53-kubernetes/deploy/deployment.yaml" region="probes" lines="3-20"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  lines="3-20" is out of range: the region "probes" has 8 lines  [snippet-lines]
        hint: Lines are counted within the region "probes", from 1 to 8."
    `);
  });
  test('lines that are not a range', () => {
    expect(problems('::snippet{src="53-kubernetes/deploy/deployment.yaml" lines="ten"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  lines="ten" is not a line range  [snippet-lines]
        hint: Write lines="N-M", lines="N" or lines="N-" (counted from 1)."
    `);
  });
  test('highlight beyond what is shown', () => {
    expect(problems('::snippet{src="53-kubernetes/deploy/deployment.yaml" region="probes" lines="1-4" highlight="4-6"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  highlight="4-6" is out of range: the snippet shows 4 lines  [snippet-highlight]
        hint: Highlight lines are counted within what is shown, starting at 1."
    `);
  });
  test('unknown attribute with a suggestion', () => {
    expect(problems('::snippet{src="53-kubernetes/deploy/deployment.yaml" hightlight="2"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Unknown attribute "hightlight" on ::snippet  [directive-attribute]
        hint: Did you mean "highlight"?"
    `);
  });
  test('written as a text directive', () => {
    expect(problems('See :snippet{src="x.py"} here.')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:5  error  :snippet must be written as a leaf directive on its own line (two colons)  [directive-shape]
        hint: Write it as: ::snippet{src="chapter/file.py"}"
    `);
  });
});

describe('diagram errors', () => {
  test('missing alt', () => {
    expect(problems('::diagram{src="53-kubernetes/cluster.mmd"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  ::diagram 53-kubernetes/cluster.mmd has no alt text  [diagram-alt]
        hint: Add alt="…" describing what the diagram shows, for readers who cannot see it."
    `);
  });
  test('missing file', () => {
    expect(problems('::diagram{src="53-kubernetes/clustr.mmd" alt="x"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Diagram file diagrams/53-kubernetes/clustr.mmd does not exist  [diagram-missing]
        hint: Create the .mmd file or fix the path (relative to diagrams/)."
    `);
  });
  test('path escaping diagrams/', () => {
    expect(problems('::diagram{src="../snippets/x.mmd" alt="x"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Diagram path "../snippets/x.mmd" escapes diagrams/  [diagram-path]
        hint: Diagrams must live inside diagrams/; write src relative to that folder without ".."."
    `);
  });
  test('not a Mermaid file', () => {
    expect(problems('::diagram{src="53-kubernetes/cluster.png" alt="x"}')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Diagram "53-kubernetes/cluster.png" is not a Mermaid file  [diagram-path]
        hint: Diagram sources are .mmd files under diagrams/."
    `);
  });
});

describe('slide errors', () => {
  test('unknown layout', () => {
    expect(problems('::::slide{layout="two-col"}\nx\n::::')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Unknown slide layout "two-col"  [slide-layout]
        hint: Did you mean "two-cols"? Layouts: default, center, two-cols, section, statement, quote, fact, image-right, full."
    `);
  });
  test('notes outside a slide', () => {
    expect(problems(':::notes\nx\n:::')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  :::notes is only allowed inside a ::::slide block  [notes-outside-slide]
        hint: Move the notes into the slide they belong to."
    `);
  });
  test('a slide inside a slide', () => {
    expect(problems('::::slide\n:::slide\nx\n:::\n::::')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:2:1  error  A slide block cannot contain another slide block  [slide-nested]
        hint: Close the first ::::slide with :::: before opening the next."
    `);
  });
});

describe('unknown directives', () => {
  test('a near miss warns with "did you mean" and keeps the text', () => {
    const mdx = '::snipet{src="53-kubernetes/deploy/deployment.yaml"}';
    const tree = parseMdx(mdx);
    const result = applyBookDirectives(tree, { root, file: 'chapters/53-kubernetes/index.mdx', source: mdx });
    expect(result.diagnostics.map(formatDiagnostic).join('\n')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  warning  Unknown directive "::snipet" is shown as plain text  [directive-unknown]
        hint: Did you mean "snippet"?"
    `);
    expect(JSON.stringify(tree)).toContain('::snipet{src=\\"53-kubernetes/deploy/deployment.yaml\\"}');
  });
  test('ordinary colons in prose produce no diagnostics', () => {
    expect(problems('At 10:30, ratio 3:1, see a:b and :smile:.')).toBe('');
  });
});

describe('frontmatter errors', () => {
  const check = (yaml: string) => checkFrontmatter(yaml, 'chapters/53-kubernetes/index.mdx', 'chapter').diagnostics.map(formatDiagnostic).join('\n');
  const valid = 'title: Kubernetes\nchapter: 53\nstage: orchestration\ndescription: Run it on a cluster.\ngoals:\n  - Deploy the agent\n';
  test('a valid chapter passes', () => {
    expect(check(valid)).toBe('');
  });
  test('missing goals', () => {
    expect(check(valid.replace(/goals:\n.*\n/, ''))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:1:1  error  Frontmatter field "goals" is missing  [frontmatter-field]
        hint: List what the reader will be able to do, one "- goal" line each."
    `);
  });
  test('empty goals', () => {
    expect(check(valid.replace(/goals:\n.*\n/, 'goals: []\n'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:6:1  error  Frontmatter field "goals": goals must list at least one learning goal  [frontmatter-field]
        hint: List what the reader will be able to do, one "- goal" line each."
    `);
  });
  test('chapter out of range', () => {
    expect(check(valid.replace('chapter: 53', 'chapter: 62'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:3:1  error  Frontmatter field "chapter": chapter must be a whole number from 50 to 61  [frontmatter-field]
        hint: Write the chapter number as a bare integer, e.g. "chapter: 53"."
    `);
  });
  test('chapter as text', () => {
    expect(check(valid.replace('chapter: 53', 'chapter: "fifty-three"'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:3:1  error  Frontmatter field "chapter": chapter must be a whole number from 50 to 61  [frontmatter-field]
        hint: Write the chapter number as a bare integer, e.g. "chapter: 53"."
    `);
  });
  test('unknown stage', () => {
    expect(check(valid.replace('stage: orchestration', 'stage: orchestra'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:4:1  error  Frontmatter field "stage": stage must be one of: foundational-infrastructure, orchestration, dapr-framework, operations-excellence  [frontmatter-field]
        hint: Use one of: foundational-infrastructure, orchestration, dapr-framework, operations-excellence."
    `);
  });
  test('stage that does not hold the chapter', () => {
    expect(check(valid.replace('stage: orchestration', 'stage: dapr-framework'))).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:4:1  error  Chapter 53 belongs to the stage "orchestration", not "dapr-framework" (Dapr Framework)  [frontmatter-stage]
        hint: Set "stage: orchestration", or check the chapter number."
    `);
  });
  test('misspelt field', () => {
    expect(check(`${valid}prerequisite:\n  - Chapter 51\n`)).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:8:1  error  Unknown frontmatter field "prerequisite"  [frontmatter-unknown-key]
        hint: Did you mean "prerequisites"?"
    `);
  });
  test('invalid YAML', () => {
    expect(check('title: [unclosed\nchapter: 53\n')).toMatchInlineSnapshot(`
      "chapters/53-kubernetes/index.mdx:3:1  error  Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]  [frontmatter-yaml]
        hint: Fix the YAML between the --- lines at the top of the file."
    `);
  });
});
