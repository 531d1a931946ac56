/**
 * The structure of a GitHub Actions workflow file, as zod strict objects (our own schema, written from
 * the documented workflow syntax): top-level keys, the forms of `on`, jobs (normal or reusable-workflow
 * calls) and steps. Cross-field rules (exactly one of uses/run, runs-on or uses, needs) live in
 * workflow.ts.
 *
 *   workflowSchema.safeParse(YAML.parse(text))
 */
import { z } from 'zod';

const stringOrList = z.union([z.string(), z.array(z.string())]);
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const env = z.union([z.record(z.string(), z.union([scalar, z.null()])), z.string()]);
const expression = z.string().regex(/\$\{\{.*\}\}/s, 'must be an expression ${{ ... }}');

const permissionLevel = z.enum(['read', 'write', 'none']);
const permissions = z.union([
  z.enum(['read-all', 'write-all']),
  z.strictObject(
    Object.fromEntries(
      [
        'actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'models',
        'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses',
      ].map((scope) => [scope, permissionLevel.optional()]),
    ),
  ),
]);

const concurrency = z.union([z.string(), z.strictObject({ group: z.string(), 'cancel-in-progress': z.union([z.boolean(), expression]).optional() })]);
const defaults = z.strictObject({ run: z.strictObject({ shell: z.string().optional(), 'working-directory': z.string().optional() }).optional() });

const filters = {
  branches: stringOrList.optional(),
  'branches-ignore': stringOrList.optional(),
  tags: stringOrList.optional(),
  'tags-ignore': stringOrList.optional(),
  paths: stringOrList.optional(),
  'paths-ignore': stringOrList.optional(),
  types: stringOrList.optional(),
};

const input = z.strictObject({
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: z.union([scalar, z.null()]).optional(),
  type: z.enum(['string', 'boolean', 'number', 'choice', 'environment']).optional(),
  options: z.array(scalar).optional(),
  deprecationMessage: z.string().optional(),
});

const eventConfig = z.union([z.null(), z.looseObject({ types: stringOrList.optional() })]);

export const WORKFLOW_EVENTS = [
  'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status', 'discussion',
  'discussion_comment', 'fork', 'gollum', 'issue_comment', 'issues', 'label', 'merge_group', 'milestone', 'page_build',
  'public', 'pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'push',
  'registry_package', 'release', 'repository_dispatch', 'schedule', 'status', 'watch', 'workflow_call',
  'workflow_dispatch', 'workflow_run',
] as const;

const eventName = z.enum(WORKFLOW_EVENTS);

const onObject = z.strictObject({
  ...Object.fromEntries(WORKFLOW_EVENTS.map((event) => [event, eventConfig.optional()])),
  push: z.union([z.null(), z.strictObject(filters)]).optional(),
  pull_request: z.union([z.null(), z.strictObject(filters)]).optional(),
  pull_request_target: z.union([z.null(), z.strictObject(filters)]).optional(),
  schedule: z.array(z.strictObject({ cron: z.string() })).optional(),
  workflow_dispatch: z.union([z.null(), z.strictObject({ inputs: z.record(z.string(), input).optional() })]).optional(),
  workflow_call: z
    .union([
      z.null(),
      z.strictObject({
        inputs: z.record(z.string(), input).optional(),
        outputs: z.record(z.string(), z.strictObject({ description: z.string().optional(), value: z.string() })).optional(),
        secrets: z.record(z.string(), z.union([z.null(), z.strictObject({ description: z.string().optional(), required: z.boolean().optional() })])).optional(),
      }),
    ])
    .optional(),
  workflow_run: z.union([z.null(), z.strictObject({ workflows: z.array(z.string()), ...filters })]).optional(),
});

export const stepSchema = z.strictObject({
  id: z.string().optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  shell: z.string().optional(),
  with: z.record(z.string(), z.union([scalar, z.null()])).optional(),
  env: env.optional(),
  'continue-on-error': z.union([z.boolean(), expression]).optional(),
  'timeout-minutes': z.union([z.number(), expression]).optional(),
  'working-directory': z.string().optional(),
});

const container = z.union([
  z.string(),
  z.strictObject({
    image: z.string(),
    credentials: z.strictObject({ username: z.string(), password: z.string() }).optional(),
    env: env.optional(),
    ports: z.array(z.union([z.number(), z.string()])).optional(),
    volumes: z.array(z.string()).optional(),
    options: z.string().optional(),
  }),
]);

export const jobSchema = z.strictObject({
  name: z.string().optional(),
  needs: stringOrList.optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  'runs-on': z.union([z.string(), z.array(z.string()), z.strictObject({ group: z.string().optional(), labels: stringOrList.optional() })]).optional(),
  permissions: permissions.optional(),
  environment: z.union([z.string(), z.strictObject({ name: z.string(), url: z.string().optional() })]).optional(),
  concurrency: concurrency.optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  env: env.optional(),
  defaults: defaults.optional(),
  'timeout-minutes': z.union([z.number(), expression]).optional(),
  strategy: z
    .strictObject({
      matrix: z.union([z.record(z.string(), z.unknown()), expression]),
      'fail-fast': z.union([z.boolean(), expression]).optional(),
      'max-parallel': z.union([z.number(), expression]).optional(),
    })
    .optional(),
  'continue-on-error': z.union([z.boolean(), expression]).optional(),
  container: container.optional(),
  services: z.record(z.string(), container).optional(),
  steps: z.array(stepSchema).optional(),
  uses: z.string().optional(),
  with: z.record(z.string(), z.union([scalar, z.null()])).optional(),
  secrets: z.union([z.literal('inherit'), z.record(z.string(), z.string())]).optional(),
});

export const workflowSchema = z.strictObject({
  name: z.string().optional(),
  'run-name': z.string().optional(),
  on: z.union([eventName, z.array(eventName), onObject]),
  permissions: permissions.optional(),
  env: env.optional(),
  defaults: defaults.optional(),
  concurrency: concurrency.optional(),
  jobs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'job ids start with a letter or _ and contain only letters, digits, - and _'), jobSchema),
});
