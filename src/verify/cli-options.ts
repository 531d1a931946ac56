/**
 * Parses and validates verify-snippets' command-line options (node:util parseArgs, then a zod schema).
 *
 *   parseCliOptions(['--chapter', '53', '--strict'])
 *   // → { ok: true, options: { chapter: 53, strict: true, cache: true, json: false, … } }
 *   parseCliOptions(['--cluster', 'kube'])
 *   // → { ok: false, message: '--cluster must be kind, current or local (got "kube")' }
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const HELP = `Usage: npm run verify-snippets -- [options]

Verifies every file under snippets/ that a chapter includes, tier by tier:
  static   syntax and schema checkers (Kubernetes, Python, shell, Dockerfile, workflows, Mermaid, …)
  local    the steps of the example's verify.yaml, each in a temporary copy of the example
  cluster  the example deployed to a kind cluster (--cluster kind), the current context (--cluster current)
           or a local control plane with simulated nodes (--cluster local)

Selection:
  --chapter N        only chapter N (50-61) and the examples it shows
  --snippet PATH     only this file or folder (relative to snippets/ or to the repository)
  --changed          only what differs from main (git diff main... plus untracked files)

Running:
  --jobs N           checks in parallel (default: number of CPUs)
  --no-cache         re-check everything (results are cached in .cache/verify-snippets/)
  --update           rewrite expected-output files from a real run, in normalised form
  --cluster MODE     run the cluster tier: kind (create a pinned kind cluster), current (use the
                     current kube context; never creates or deletes a cluster) or local (a real
                     etcd + kube-apiserver + controller-manager + scheduler with kwok's simulated
                     nodes, no Docker; steps that need a running container are skipped;
                     provision it with npm run runtimes -- install kubernetes)
  --keep             keep (and reuse) the kind cluster and namespaces after the run (kind, current)

Reporting:
  --static-only      only the static tier: no manifest steps, no cluster (a fast check while writing)
  --strict           also fail when a snippet stays below the tier its manifest declares, and when
                     files under snippets/ are not included by any chapter
  --json             print the report as JSON on stdout (progress stays on stderr)
  --junit FILE       also write a JUnit XML report to FILE
  --help             show this help

The report groups files by example folder (the folder of a verify.yaml). Its last line counts checks:
every static check of every file, and each manifest step once per example.

Exit status: 0 all verified, 1 failures, 2 bad options, 130/143 interrupted.`;

const schema = z
  .object({
    chapter: z
      .string()
      .regex(/^\d+$/, '--chapter takes a chapter number, e.g. --chapter 53')
      .transform(Number)
      .refine((n) => n >= 50 && n <= 61, '--chapter must be between 50 and 61')
      .optional(),
    snippet: z.string().min(1).optional(),
    changed: z.boolean().default(false),
    jobs: z
      .string()
      .regex(/^[1-9]\d*$/, '--jobs takes a positive whole number')
      .transform(Number)
      .optional(),
    'no-cache': z.boolean().default(false),
    update: z.boolean().default(false),
    cluster: z.string().optional(),
    keep: z.boolean().default(false),
    strict: z.boolean().default(false),
    'static-only': z.boolean().default(false),
    json: z.boolean().default(false),
    junit: z.string().min(1).optional(),
    help: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.cluster !== undefined && value.cluster !== 'kind' && value.cluster !== 'current' && value.cluster !== 'local') {
      ctx.addIssue({ code: 'custom', message: `--cluster must be kind, current or local (got "${value.cluster}")` });
    }
    if (value.keep && value.cluster === undefined) ctx.addIssue({ code: 'custom', message: '--keep only makes sense with --cluster kind|current' });
    if (value.keep && value.cluster === 'local') ctx.addIssue({ code: 'custom', message: '--keep cannot be combined with --cluster local (its control plane lives only as long as the run)' });
    for (const other of ['cluster', 'update', 'strict'] as const) {
      if (value['static-only'] && value[other]) ctx.addIssue({ code: 'custom', message: `--static-only cannot be combined with --${other}` });
    }
  });

export interface CliOptions {
  chapter?: number | undefined;
  snippet?: string | undefined;
  changed: boolean;
  jobs?: number | undefined;
  cache: boolean;
  update: boolean;
  cluster?: 'kind' | 'current' | 'local' | undefined;
  keep: boolean;
  strict: boolean;
  staticOnly: boolean;
  json: boolean;
  junit?: string | undefined;
  help: boolean;
}

export type ParsedCli = { ok: true; options: CliOptions } | { ok: false; message: string };

export function parseCliOptions(argv: readonly string[]): ParsedCli {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        chapter: { type: 'string' },
        snippet: { type: 'string' },
        changed: { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        'no-cache': { type: 'boolean' },
        update: { type: 'boolean' },
        cluster: { type: 'string' },
        keep: { type: 'boolean' },
        strict: { type: 'boolean' },
        'static-only': { type: 'boolean' },
        json: { type: 'boolean' },
        junit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
  const v = parsed.data;
  return {
    ok: true,
    options: {
      chapter: v.chapter,
      snippet: v.snippet,
      changed: v.changed,
      jobs: v.jobs,
      cache: !v['no-cache'],
      update: v.update,
      cluster: v.cluster as 'kind' | 'current' | 'local' | undefined,
      keep: v.keep,
      strict: v.strict,
      staticOnly: v['static-only'],
      json: v.json,
      junit: v.junit,
      help: v.help,
    },
  };
}
