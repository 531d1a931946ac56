import { describe, expect, test } from 'vitest';
import { languageOf } from '../../src/core/languages.ts';
import { formatLineList, parseLineList, parseLineRange } from '../../src/core/ranges.ts';
import { dedent, scanRegions } from '../../src/core/regions.ts';

describe('region markers per comment syntax', () => {
  const cases: [string, string][] = [
    ['app.py', '#region a\nx = 1\n#endregion a\n'],
    ['app.py', '# #region a\nx = 1\n# #endregion\n'],
    ['Dockerfile', '# #region a\nRUN true\n# #endregion a\n'],
    ['deploy.yaml', '  #region a\n  x: 1\n  #endregion a\n'],
    ['run.sh', '#region a\necho hi\n#endregion a\n'],
    ['main.ts', '// #region a\nconst x = 1;\n// #endregion a\n'],
    ['page.html', '<!-- #region a -->\n<p>x</p>\n<!-- #endregion a -->\n'],
    ['flow.mmd', '%% #region a\nA-->B\n%% #endregion a\n'],
  ];
  test.each(cases)('%s: %j', (file, text) => {
    const scan = scanRegions(text, languageOf(file).comment);
    expect(scan.problems).toEqual([]);
    expect(scan.regions.get('a')?.content).toEqual([2]);
    expect(scan.visible).toEqual([2]);
  });

  test('a marker in another language\'s syntax is ordinary text', () => {
    const scan = scanRegions('// #region a\nx = 1\n', languageOf('app.py').comment);
    expect(scan.regions.size).toBe(0);
    expect(scan.visible).toEqual([1, 2]);
  });

  test('prose that merely mentions a region is not a marker', () => {
    const scan = scanRegions('# region of interest\n# the #region keyword\nx = 1\n', languageOf('app.py').comment);
    expect(scan.regions.size).toBe(0);
    expect(scan.visible).toEqual([1, 2, 3]);
  });

  test('nested regions exclude the inner markers', () => {
    const scan = scanRegions('#region outer\na\n#region inner\nb\n#endregion inner\nc\n#endregion outer\n', { start: '#' });
    expect(scan.regions.get('outer')?.content).toEqual([2, 4, 6]);
    expect(scan.regions.get('inner')?.content).toEqual([4]);
  });

  test('problems: unnamed, duplicate, stray and unclosed markers', () => {
    const scan = scanRegions('#region\n#region a\n#endregion a\n#region a\n#endregion a\n#endregion b\n#region c\n', { start: '#' });
    expect(scan.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '1: #region without a name',
      '4: Region "a" is defined twice',
      '6: #endregion b has no matching #region',
      '7: Region "c" is never closed',
    ]);
  });

  test('dedent keeps relative indentation and blank lines', () => {
    expect(dedent(['    a:', '      b: 1', '', '    c: 2'])).toEqual(['a:', '  b: 1', '', 'c: 2']);
  });
});

describe('line ranges', () => {
  test.each([
    ['3-20', { start: 3, end: 20 }],
    ['7', { start: 7, end: 7 }],
    ['12-', { start: 12, end: undefined }],
    [' 2 - 4 ', { start: 2, end: 4 }],
  ])('parses %j', (text, expected) => {
    expect(parseLineRange(text)).toEqual(expected);
  });
  test.each(['0', '5-3', 'a-b', '1-2-3', '', '-4'])('rejects %j', (text) => {
    expect(parseLineRange(text)).toBeUndefined();
  });
  test('lists round-trip to the compact form both Expressive Code and Slidev read', () => {
    const list = parseLineList('5,1,3-4,4');
    expect(list).toEqual([1, 3, 4, 5]);
    expect(formatLineList(list ?? [])).toBe('1,3-5');
    expect(parseLineList('2-')).toBeUndefined();
  });
});

describe('languages from file names', () => {
  test.each([
    ['Dockerfile', 'dockerfile'], ['agent/Dockerfile.dev', 'dockerfile'], ['main.py', 'python'], ['k.yaml', 'yaml'],
    ['run.sh', 'bash'], ['pyproject.toml', 'toml'], ['x.ts', 'ts'], ['x.json', 'json'], ['x.mmd', 'mermaid'],
    ['health.out', 'text'], ['requirements.txt', 'ini'], ['.dockerignore', 'ini'], ['Dockerfile.naive.dockerignore', 'ini'], ['README', 'text'],
  ])('%s → %s', (file, lang) => {
    expect(languageOf(file).lang).toBe(lang);
  });
});
