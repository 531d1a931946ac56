/**
 * Shell snippets (`.sh`, `.bash`, or a `#!/bin/bash`-style first line): two checkers.
 *  - `shell`: `bash -n` (syntax), always available.
 *  - `shellcheck`: ShellCheck's json1 output, one diagnostic per finding (rule `SC2086` etc.);
 *    `skipped` with a reason when shellcheck is not installed.
 *
 *   await bashSyntaxChecker.check('snippets/x/deploy.sh', 'if true; then\n', context)
 *   // → { diagnostics: [{ line: 2, rule: 'bash-syntax', message: "syntax error: unexpected end of file" }] }
 */
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { extensionOf } from './paths.ts';
import { findTool, runTool } from './external-tool.ts';
import type { StaticChecker } from './types.ts';

export function isShellScript(path: string, content: string): boolean {
  const extension = extensionOf(path);
  if (extension === 'sh' || extension === 'bash') return true;
  return extension === '' && /^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|da|k)?sh\b/.test(content);
}

export const bashSyntaxChecker: StaticChecker = {
  name: 'shell',
  applies: isShellScript,
  async check(path, content) {
    const bash = findTool('bash', ['/bin', '/usr/bin']);
    if (!bash) return { diagnostics: [], skipReason: 'bash is not installed, so `bash -n` could not run' };
    const run = await runTool(bash, ['-n'], content);
    const diagnostics: Diagnostic[] = [];
    if (run.code !== 0) {
      for (const text of run.stderr.split('\n')) {
        const match = /line (\d+): (.*)$/.exec(text);
        if (!match) continue;
        diagnostics.push(
          diagnostic({
            file: path,
            line: Number(match[1]),
            column: 0,
            rule: 'bash-syntax',
            message: match[2] ?? text,
            hint: 'Fix the shell syntax; `bash -n` must accept the script.',
          }),
        );
      }
      if (diagnostics.length === 0) {
        diagnostics.push(diagnostic({ file: path, rule: 'bash-syntax', message: run.stderr.trim() || 'bash -n rejected the script', hint: 'Run `bash -n` on the file.' }));
      }
    }
    return { diagnostics };
  },
};

interface ShellcheckComment {
  line: number;
  column: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
}

export const shellcheckChecker: StaticChecker = {
  name: 'shellcheck',
  applies: isShellScript,
  async check(path, content) {
    const shellcheck = findTool('shellcheck');
    if (!shellcheck) return { diagnostics: [], skipReason: 'shellcheck is not installed (apt-get install shellcheck)' };
    const shell = /^#!/.test(content) && !/^#!.*\bbash\b/.test(content) ? [] : ['--shell=bash'];
    const run = await runTool(shellcheck, ['--format=json1', '--severity=info', ...shell, '-'], content);
    let comments: ShellcheckComment[];
    try {
      comments = (JSON.parse(run.stdout) as { comments: ShellcheckComment[] }).comments;
    } catch {
      return { diagnostics: [diagnostic({ file: path, rule: 'shellcheck', message: `shellcheck failed: ${run.stderr.trim() || run.stdout.trim()}`, hint: 'Run shellcheck on the file by hand.' })] };
    }
    return {
      diagnostics: comments.map((comment) =>
        diagnostic({
          file: path,
          line: comment.line,
          column: comment.column,
          severity: comment.level === 'error' || comment.level === 'warning' ? 'error' : 'warning',
          rule: `SC${comment.code}`,
          message: comment.message,
          hint: `See https://www.shellcheck.net/wiki/SC${comment.code}`,
        }),
      ),
    };
  },
};
