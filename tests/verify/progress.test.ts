import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/verify/progress.ts';

function drive(tty: boolean, ci: boolean): string {
  let out = '';
  const progress = createProgress({ write: (t) => (out += t), tty, ci, columns: 80 });
  progress.start(2);
  progress.begin('snippets/a.sh');
  progress.end('snippets/a.sh', 'passed');
  progress.begin('snippets/b.yaml');
  progress.log('cluster: $ kind create cluster');
  progress.end('snippets/b.yaml', 'failed');
  progress.finish();
  return out;
}

describe('progress', () => {
  it('prints plain lines when not a TTY or under CI', () => {
    const expected = '[1/2] ok   snippets/a.sh\ncluster: $ kind create cluster\n[2/2] FAIL snippets/b.yaml\n';
    expect(drive(false, false)).toBe(expected);
    expect(drive(true, true)).toBe(expected);
  });

  it('rewrites one status line on a TTY and clears it at the end', () => {
    const out = drive(true, false);
    expect(out).toContain('\r\u001b[K[0/2] snippets/a.sh');
    expect(out).toContain('\r\u001b[K[1/2] snippets/b.yaml');
    expect(out).toContain('FAIL snippets/b.yaml\n');
    expect(out.endsWith('\r\u001b[K')).toBe(true);
  });
});
