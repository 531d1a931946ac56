import { afterEach, describe, expect, it } from 'vitest';
import { forgetFoundTools } from '../../src/verify/static/external-tool.ts';
import { findings, outcomes, statuses } from './support.ts';

describe('shell checkers', () => {
  const path = process.env['PATH'];
  afterEach(() => {
    process.env['PATH'] = path;
    forgetFoundTools();
  });

  it('accepts a clean script with region markers', async () => {
    expect(await statuses('shell/good/deploy.sh')).toBe('shell:passed shellcheck:passed secrets:passed');
  });

  it('reports bash -n syntax errors', async () => {
    expect(await findings('shell/bad/syntax.sh', 'shell')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/shell/bad/syntax.sh:6  error  syntax error: unexpected end of file  [bash-syntax]
        hint: Fix the shell syntax; \`bash -n\` must accept the script."
    `);
  });

  it('reports shellcheck findings with their codes', async () => {
    expect(await findings('shell/bad/lint.sh', 'shellcheck')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/shell/bad/lint.sh:3:1  error  Use 'cd ... || exit' or 'cd ... || return' in case cd fails.  [SC2164]
        hint: See https://www.shellcheck.net/wiki/SC2164
      tests/verify-static/fixtures/shell/bad/lint.sh:4:18  warning  Double quote to prevent globbing and word splitting.  [SC2086]
        hint: See https://www.shellcheck.net/wiki/SC2086"
    `);
  });

  it('skips shellcheck (never passes) when it is not installed, while bash -n still runs', async () => {
    process.env['PATH'] = '/nonexistent';
    forgetFoundTools();
    const list = await outcomes('shell/bad/syntax.sh');
    expect(list.map((o) => [o.checker, o.status, o.skipReason])).toEqual([
      ['shell', 'failed', undefined],
      ['shellcheck', 'skipped', 'shellcheck is not installed (apt-get install shellcheck)'],
      ['secrets', 'passed', undefined],
    ]);
  });
});
