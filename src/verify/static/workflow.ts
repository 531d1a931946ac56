/**
 * GitHub Actions workflows (`.github/workflows/*.yml` anywhere, or any YAML with top-level `on:` and
 * `jobs:`): structure against our zod schema (workflow-schema.ts), unknown keys with "did you mean",
 * plus the rules a schema cannot say: each job has `runs-on` (or `uses` for a reusable workflow), each
 * step has exactly one of `uses`/`run`, and `needs` names existing jobs.
 *
 *   await workflowChecker.check('snippets/x/.github/workflows/ci.yml', text, context)
 *   // → { diagnostics: [{ line: 6, column: 5, rule: 'workflow-unknown-key', message: 'Unknown key "jobs.test.runs_on"', hint: 'Did you mean "runs-on"?' }] }
 */
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { closest, didYouMean } from '../../core/suggest.ts';
import { isYamlPath } from './paths.ts';
import { validateWithZod, type SchemaFinding } from './schema-findings.ts';
import type { StaticChecker } from './types.ts';
import { workflowSchema } from './workflow-schema.ts';
import { locateInYaml, parseYamlSource } from './yaml-source.ts';

export function isWorkflow(path: string, content: string): boolean {
  if (!isYamlPath(path)) return false;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return true;
  return /^["']?on["']?:/m.test(content) && /^jobs:/m.test(content);
}

const HINTS: Record<string, string> = {
  'workflow-type': 'Check the value against the workflow syntax reference.',
  'workflow-enum': 'Use one of the listed values.',
  'workflow-schema': 'Check the value against the workflow syntax reference.',
};

function crossChecks(workflow: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const jobs = workflow['jobs'];
  if (typeof jobs !== 'object' || jobs === null || Array.isArray(jobs)) return findings;
  const jobIds = Object.keys(jobs);
  for (const [id, job] of Object.entries(jobs as Record<string, unknown>)) {
    if (typeof job !== 'object' || job === null || Array.isArray(job)) continue;
    const fields = job as Record<string, unknown>;
    const typo = Object.keys(fields).some((key) => key !== 'runs-on' && key !== 'uses' && closest(key, ['runs-on', 'uses']) !== undefined);
    if (fields['runs-on'] === undefined && fields['uses'] === undefined && !typo) {
      findings.push({ path: ['jobs', id], want: 'key', rule: 'workflow-job-runner', message: `Job "${id}" has neither "runs-on" nor "uses"`, hint: 'Add runs-on: ubuntu-latest (or uses: for a reusable workflow).' });
    }
    if (fields['uses'] !== undefined && fields['steps'] !== undefined) {
      findings.push({ path: ['jobs', id, 'steps'], want: 'key', rule: 'workflow-job-runner', message: `Job "${id}" calls a reusable workflow ("uses") and also has "steps"`, hint: 'A job either runs steps on runs-on, or calls a workflow with uses.' });
    }
    const needs = fields['needs'];
    for (const need of typeof needs === 'string' ? [needs] : Array.isArray(needs) ? needs : []) {
      if (typeof need !== 'string' || jobIds.includes(need)) continue;
      const index = Array.isArray(needs) ? needs.indexOf(need) : undefined;
      findings.push({
        path: index === undefined ? ['jobs', id, 'needs'] : ['jobs', id, 'needs', index],
        want: 'value',
        rule: 'workflow-needs',
        message: `Job "${id}" needs "${need}", which is not a job of this workflow`,
        hint: didYouMean(need, jobIds) || `Jobs: ${jobIds.join(', ')}.`,
      });
    }
    const steps = fields['steps'];
    if (!Array.isArray(steps)) continue;
    steps.forEach((step: unknown, index) => {
      if (typeof step !== 'object' || step === null) return;
      const hasUses = 'uses' in step;
      const hasRun = 'run' in step;
      if (hasUses === hasRun) {
        findings.push({
          path: ['jobs', id, 'steps', index],
          want: 'key',
          rule: 'workflow-step',
          message: hasUses ? `Step ${index + 1} of job "${id}" has both "uses" and "run"` : `Step ${index + 1} of job "${id}" has neither "uses" nor "run"`,
          hint: 'A step either runs an action (uses) or a shell command (run): split it into two steps.',
        });
      }
    });
  }
  return findings;
}

export const workflowChecker: StaticChecker = {
  name: 'workflow',
  applies: isWorkflow,
  async check(path, content) {
    const source = parseYamlSource(content);
    if (source.errors.length > 0) return { diagnostics: [] }; // the yaml checker reports syntax errors
    const diagnostics: Diagnostic[] = [];
    for (const document of source.documents) {
      const workflow = document.toJS() as unknown;
      if (workflow === null || workflow === undefined) continue;
      const findings = [...validateWithZod(workflowSchema, workflow, 'workflow', 'key')];
      if (typeof workflow === 'object' && !Array.isArray(workflow)) findings.push(...crossChecks(workflow as Record<string, unknown>));
      for (const finding of findings) {
        diagnostics.push(
          diagnostic({ file: path, ...locateInYaml(source, document, finding.path, finding.want), rule: finding.rule, message: finding.message, hint: finding.hint ?? HINTS[finding.rule] }),
        );
      }
    }
    return { diagnostics };
  },
};
