import { describe, expect, it } from 'vitest';
import { lineMatches, matchOutput, updatedExpected } from '../../src/verify/expect.ts';
import { normalizeOutput } from '../../src/verify/normalize.ts';

describe('normalizeOutput', () => {
  it.each([
    ['pod-name hash', 'agent-7d9f8c6b5-x2kqp   1/1     Running', 'agent-[HASH]   1/1     Running'],
    ['replica set hash', 'replicaset.apps/agent-7d9f8c6b5   1', 'replicaset.apps/agent-[HASH]   1'],
    ['plain words keep their dashes', 'hello-world dapr-sidecar', 'hello-world dapr-sidecar'],
    ['age in seconds', 'Running   0          5s', 'Running   0          [AGE]'],
    ['compound age', 'Running   0          3m12s', 'Running   0          [AGE]'],
    ['age in days', 'kafka   Ready   2d', 'kafka   Ready   [AGE]'],
    ['k8s is not an age', 'k8s v1 http2', 'k8s v1 http2'],
    ['a CPU quantity in YAML is not an age', '            cpu: 250m', '            cpu: 250m'],
    ['a CPU quantity in JSON is not an age', '{"cpu": "500m", "memory": "256Mi"}', '{"cpu": "500m", "memory": "256Mi"}'],
    ['a flag value is not an age', '--requests=cpu=100m', '--requests=cpu=100m'],
    ['IPv4 with port', 'listening on 10.244.0.17:8080', 'listening on [IP]:8080'],
    ['IPv6', 'bound to fe80::1ff:fe23:4567:890a now', 'bound to [IP] now'],
    ['versions are not IPs', 'kafka 4.1.0 ready', 'kafka 4.1.0 ready'],
    ['ISO timestamp', 'at 2026-05-01T12:34:56.123Z ok', 'at [TIMESTAMP] ok'],
    ['ISO with offset', 'at 2026-05-01T12:34:56+02:00', 'at [TIMESTAMP]'],
    ['python logging prefix', '2026-05-01 12:34:56,789 INFO started', '[TIMESTAMP] INFO started'],
    ['RFC 1123', 'date: Fri, 01 May 2026 12:34:56 GMT', 'date: [TIMESTAMP]'],
    ['klog prefix', 'I0501 12:34:56.789012 controller.go:42] synced', '[TIMESTAMP] controller.go:42] synced'],
    ['bare clock time', '[12:34:56] uvicorn running', '[[TIME]] uvicorn running'],
    ['decimal seconds', '3 passed in 0.42s', '3 passed in [DURATION]'],
    ['milliseconds', 'took 120ms', 'took [DURATION]'],
    ['UUID', 'id=3f2b8c1e-9a4d-4e5f-8b6a-0c1d2e3f4a5b', 'id=[UUID]'],
    ['temp path', 'wrote /tmp/verify-snippets-AbC123/example/out.txt', 'wrote [TMP]'],
    ['CRLF and trailing spaces', 'a  \r\nb\r\n', 'a\nb\n'],
    ['ANSI colours', '\u001b[32mPASSED\u001b[0m', 'PASSED'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeOutput(input)).toBe(expected);
  });

  it("drops asyncio debug mode's slow-callback warnings, which only say how loaded the machine was", () => {
    // unittest's IsolatedAsyncioTestCase runs its loop with debug=True: a step that takes over 0.1 s logs this.
    const run = [
      'test_streaming_is_incremental (tests.test_agent.AgentTest.test_streaming_is_incremental) ... ok',
      "Executing <Task pending name='Task-3' coro=<AgentTest.test_x() running at /tmp/t.py:12> cb=[_run_until_complete_cb()]> took 0.147 seconds",
      'Executing <Handle <TaskStepMethWrapper object at 0x7f> created at /usr/lib/python3.11/asyncio/tasks.py:680> took 0.203 seconds',
      'test_tool_call_limit (tests.test_agent.AgentTest.test_tool_call_limit) ... ok',
      '',
    ].join('\n');
    expect(normalizeOutput(run)).toBe(
      'test_streaming_is_incremental (tests.test_agent.AgentTest.test_streaming_is_incremental) ... ok\ntest_tool_call_limit (tests.test_agent.AgentTest.test_tool_call_limit) ... ok\n',
    );
    // A line that merely mentions the words stays.
    expect(normalizeOutput('Executing the plan took 2 steps')).toBe('Executing the plan took 2 steps');
  });

  it('replaces the exact temporary folders of the run first', () => {
    expect(normalizeOutput('cwd /home/ci/work/x/app', { tempDirs: ['/home/ci/work/x'] })).toBe('cwd [TMP]/app');
  });

  it('is idempotent, so stored expected files stay stable', () => {
    const once = normalizeOutput('agent-7d9f8c6b5-x2kqp 10.0.0.1 2026-05-01T12:34:56Z 0.5s 3m');
    expect(normalizeOutput(once)).toBe(once);
  });
});

describe('matchOutput', () => {
  it.each([
    ['identical', 'a\nb', 'a\nb', true],
    ['[..] matches within a line', 'listening on [..]', 'listening on port 8080', true],
    ['[..] does not cross lines', 'a [..] z', 'a b\nz', false],
    ['... matches many lines', 'start\n...\nend', 'start\n1\n2\n3\nend', true],
    ['... matches zero lines', 'start\n...\nend', 'start\nend', true],
    ['... at the end', 'start\n...', 'start\nmore\nlines', true],
    ['missing line', 'a\nb\nc', 'a\nc', false],
    ['column widths may change', 'NAME   READY\nagent-[HASH]   1/1', 'NAME READY\nagent-[HASH]        1/1', true],
    ['trailing blank lines ignored', 'a\n', 'a\n\n\n', true],
  ])('%s', (_name, expected, actual, ok) => {
    expect(matchOutput(expected, actual).ok).toBe(ok);
  });

  it('shows a unified diff on mismatch, wildcard lines counting as equal', () => {
    const result = matchOutput('header [..]\nsame\nold line\ntail', 'header 42\nsame\nnew line\ntail', 'output/x.out');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.diff).toMatchInlineSnapshot(`
      "--- expected output/x.out
      +++ actual (normalised)
      @@ -1,4 +1,4 @@
       header 42
       same
      -old line
      +new line
       tail"
    `);
  });

  it('lineMatches treats regex characters literally', () => {
    expect(lineMatches('a.b (x)', 'a.b (x)')).toBe(true);
    expect(lineMatches('a.b', 'axb')).toBe(false);
  });
});

describe('updatedExpected (what --update writes)', () => {
  it("keeps an expected line's [..] wildcards where the line still matches, and takes the run's lines elsewhere", () => {
    const expected = 'saved the scrape (50 samples)\n  throughput [..] req/s\n  p50 <= [..] s\ncost $1\n';
    const actual = 'saved the scrape (51 samples)\n  throughput 376 req/s\n  p50 <= 0.05 s\ncost $1';
    expect(updatedExpected(expected, actual)).toBe('saved the scrape (51 samples)\n  throughput [..] req/s\n  p50 <= [..] s\ncost $1\n');
  });

  it('keeps wildcard lines around inserted and removed lines', () => {
    expect(updatedExpected('a\nt [..] ms\nold\nz\n', 'a\nnew\nt 12 ms\nz')).toBe('a\nnew\nt [..] ms\nz\n');
  });

  it('is the run itself when there was no expected file or it had no wildcards', () => {
    expect(updatedExpected(undefined, 'x\ny')).toBe('x\ny\n');
    expect(updatedExpected('x\nold\n', 'x\nnew\n')).toBe('x\nnew\n');
    expect(updatedExpected('', '')).toBe('');
  });

  it('keeps a "..." line where the run still has lines for it to stand for', () => {
    expect(updatedExpected('head\n...\ntail [..]\n', 'head\nmany\nlines\ntail 3\nnew end')).toBe('head\n...\ntail [..]\nnew end\n');
  });
});
