import { describe, expect, it } from 'vitest';
import { staticCheckersFor } from '../../src/verify/static/index.ts';
import { findings, statuses } from './support.ts';

describe('workflow checker', () => {
  it('accepts a workflow with push/PR/dispatch triggers, needs and a reusable-workflow job', async () => {
    expect(await statuses('workflow/good/ci.yml')).toBe('workflow:passed yaml:passed secrets:passed');
  });

  it('reports runs_on, a step with uses and run, an unknown needs and unknown keys', async () => {
    expect(await findings('workflow/bad/ci.yml', 'workflow')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/workflow/bad/ci.yml:4:5  error  Unknown key "on.push.branchs"  [workflow-unknown-key]
        hint: Did you mean "branches"?
      tests/verify-static/fixtures/workflow/bad/ci.yml:7:5  error  Unknown key "jobs.test.runs_on"  [workflow-unknown-key]
        hint: Did you mean "runs-on"?
      tests/verify-static/fixtures/workflow/bad/ci.yml:9:9  error  Step 1 of job "test" has both "uses" and "run"  [workflow-step]
        hint: A step either runs an action (uses) or a shell command (run): split it into two steps.
      tests/verify-static/fixtures/workflow/bad/ci.yml:12:13  error  Job "deploy" needs "tests", which is not a job of this workflow  [workflow-needs]
        hint: Did you mean "test"?
      tests/verify-static/fixtures/workflow/bad/ci.yml:17:9  error  Unknown key "jobs.deploy.steps[0].timeout"  [workflow-unknown-key]
        hint: Allowed here: continue-on-error, env, id, if, name, run, shell, timeout-minutes, uses, with, working-directory."
    `);
  });

  it('recognises workflows by path or by on: + jobs:', () => {
    expect(staticCheckersFor('snippets/60-ci/.github/workflows/release.yaml', 'name: x\n')).toContain('workflow');
    expect(staticCheckersFor('snippets/60-ci/ci.yml', 'on: push\njobs: {}\n')).toContain('workflow');
    expect(staticCheckersFor('snippets/60-ci/values.yml', 'jobs: 3\n')).not.toContain('workflow');
  });
});
