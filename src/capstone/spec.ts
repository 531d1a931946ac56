/**
 * The Part 7 capstone spec, `snippets/capstone/part7.yaml`: every requirement of the chapters' capstones in
 * one numbered list, each naming the check that proves it. Read with a schema and checked against the book's
 * example manifests, so a proof that names a missing example, step or file is an error at `file:line:col`.
 *
 *   requirements:
 *     - id: R50.1                       # R<chapter>.<n>, unique
 *       chapter: 50
 *       area: api                       # api | reliability | events | delivery | observability | cost | security | governance
 *       text: POST /v1/ask answers a question with answer, tool calls and usage; bad input is a 422.
 *       proof: { example: 50-fastapi/lumen, step: api-tests }   # a step of that verify.yaml (steps or cluster.steps)
 *     - id: R53.9
 *       …
 *       proof: { example: 53-kubernetes/manifests }              # the example as a whole (all its checks)
 *     - id: R51.4
 *       …
 *       proof: { file: 51-docker/lumen/Dockerfile }              # one snippet file (its static checks)
 *
 *   const spec = await loadCapstoneSpec(root)   // → { file, requirements: [{ id, …, proof, line, column }] }, or throws BookError
 *   await resolveProofs(root, spec)             // → [{ requirement, example: 'snippets/…', check?: { tier: 'local', name: 'step: api-tests' } }], or throws BookError
 */
import { access, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { z } from 'zod';
import { BookError, diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { parseLocated, positionOf, schemaDiagnostics } from '../core/located-yaml.ts';
import { didYouMean } from '../core/suggest.ts';
import { FIRST_CHAPTER, LAST_CHAPTER } from '../core/stages.ts';
import { loadManifest, MANIFEST_NAME, type Manifest } from '../verify/manifest.ts';
import type { Tier } from '../verify/types.ts';

export const SPEC_FILE = 'snippets/capstone/part7.yaml';
const RULE = 'capstone-spec';

export const AREAS = ['api', 'reliability', 'events', 'delivery', 'observability', 'cost', 'security', 'governance'] as const;
export type Area = (typeof AREAS)[number];

const relativePath = z
  .string()
  .trim()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must be a path inside snippets/, without .. or a leading /');

const proofSchema = z.union([
  z.strictObject({ example: relativePath, step: z.string().trim().min(1).optional() }),
  z.strictObject({ file: relativePath }),
]);

const requirementSchema = z.strictObject({
  id: z.string().regex(/^R\d{2}\.\d+$/, 'must look like R53.4 (R, the chapter, a dot, a number)'),
  chapter: z.number().int().min(FIRST_CHAPTER).max(LAST_CHAPTER),
  area: z.enum(AREAS),
  text: z.string().trim().min(10, 'must say what is required, in a sentence'),
  proof: proofSchema,
});

const specSchema = z.strictObject({
  part: z.literal(7),
  requirements: z.array(requirementSchema).min(1),
});

export type Proof = z.infer<typeof proofSchema>;

export interface Requirement extends z.infer<typeof requirementSchema> {
  line: number;
  column: number;
}

export interface CapstoneSpec {
  file: string;
  requirements: Requirement[];
}

/** A requirement whose proof was found: the example folder (repo-relative) and, for a step, its check. */
export interface ResolvedRequirement {
  requirement: Requirement;
  /** `snippets/50-fastapi/lumen`; for a file proof, the file's path. */
  target: string;
  kind: 'step' | 'example' | 'file';
  /** For a step: the check verify-snippets reports for it. */
  check?: { tier: Extract<Tier, 'local' | 'cluster'>; name: string } | undefined;
  /** The tier the example's manifest declares (what the book's CI must reach), when there is one. */
  declared?: Tier | undefined;
}

const KEYS: Record<string, readonly string[]> = {
  top: ['part', 'requirements'],
  requirement: ['id', 'chapter', 'area', 'text', 'proof'],
  proof: ['example', 'step', 'file'],
};

function keysAllowedAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return KEYS['top'] ?? [];
  if (path.length === 2) return KEYS['requirement'] ?? [];
  return KEYS['proof'] ?? [];
}

function hintFor(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === 'area') return `Use one of: ${AREAS.join(', ')}.`;
  if (last === 'proof' || path.includes('proof')) return 'A proof is { example: NN-slug/folder, step: name }, { example: NN-slug/folder } or { file: NN-slug/path }, relative to snippets/.';
  if (last === 'chapter') return `A chapter number from ${FIRST_CHAPTER} to ${LAST_CHAPTER}.`;
  if (last === 'part') return 'The spec is Part 7\'s: part: 7.';
  return `See the format at the top of src/capstone/spec.ts.`;
}

/** Reads and validates the spec's shape (not yet its proofs). */
export function parseCapstoneSpec(file: string, source: string): CapstoneSpec {
  const located = parseLocated(file, source, RULE, 'the capstone spec');
  const parsed = specSchema.safeParse(located.value);
  if (!parsed.success) throw new BookError(schemaDiagnostics(located, parsed.error.issues, { rule: RULE, keysAllowedAt, hintFor, root: 'the spec' }));
  const problems: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const requirements = parsed.data.requirements.map((requirement, index): Requirement => {
    const position = positionOf(located, ['requirements', index], 'id');
    const at = (key: string) => positionOf(located, ['requirements', index], key);
    const first = seen.get(requirement.id);
    if (first !== undefined) problems.push(diagnostic({ file, ...at('id'), rule: RULE, message: `${requirement.id} is used twice (first at line ${first})`, hint: 'Give every requirement its own id.' }));
    else seen.set(requirement.id, position.line);
    const idChapter = Number(requirement.id.slice(1, 3));
    if (idChapter !== requirement.chapter) problems.push(diagnostic({ file, ...at('chapter'), rule: RULE, message: `${requirement.id} says chapter ${idChapter} but chapter: ${requirement.chapter}`, hint: `Number a requirement of chapter ${requirement.chapter} R${requirement.chapter}.<n>.` }));
    return { ...requirement, ...position };
  });
  if (problems.length > 0) throw new BookError(problems);
  return { file, requirements };
}

export async function loadCapstoneSpec(root: string, file = SPEC_FILE): Promise<CapstoneSpec> {
  let source: string;
  try {
    source = await readFile(join(root, file), 'utf8');
  } catch {
    throw new BookError([diagnostic({ file, line: 0, column: 0, rule: RULE, message: `The capstone spec ${file} does not exist`, hint: 'Create it: a list of requirements, each with the check that proves it (format: src/capstone/spec.ts).' })]);
  }
  return parseCapstoneSpec(file, source);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Finds every proof in the book: the example's manifest and the step in it, or the file. Every missing one
 * is reported (all at once), with the steps the example does have.
 */
export async function resolveProofs(root: string, spec: CapstoneSpec): Promise<ResolvedRequirement[]> {
  const manifests = new Map<string, Promise<Manifest | readonly Diagnostic[]>>();
  const manifestOf = (example: string): Promise<Manifest | readonly Diagnostic[]> => {
    let found = manifests.get(example);
    if (!found) {
      const file = posix.join('snippets', example, MANIFEST_NAME);
      found = exists(join(root, file)).then(async (there) => {
        if (!there) return [];
        try {
          return await loadManifest(root, file);
        } catch (error) {
          if (error instanceof BookError) return error.diagnostics;
          throw error;
        }
      });
      manifests.set(example, found);
    }
    return found;
  };
  const problems: Diagnostic[] = [];
  const resolved: ResolvedRequirement[] = [];
  for (const requirement of spec.requirements) {
    const where = { file: spec.file, line: requirement.line, column: requirement.column, rule: RULE };
    const { proof } = requirement;
    if ('file' in proof) {
      const target = posix.join('snippets', proof.file);
      if (!(await exists(join(root, target)))) problems.push(diagnostic({ ...where, message: `${requirement.id}: the proof file ${target} does not exist`, hint: 'Name a file under snippets/ that a chapter includes.' }));
      else resolved.push({ requirement, target, kind: 'file' });
      continue;
    }
    const target = posix.join('snippets', proof.example);
    const manifest = await manifestOf(proof.example);
    if (!('steps' in manifest)) {
      if (manifest.length === 0) problems.push(diagnostic({ ...where, message: `${requirement.id}: ${target} has no ${MANIFEST_NAME}`, hint: 'Name an example folder (one holding a verify.yaml), relative to snippets/.' }));
      else problems.push(diagnostic({ ...where, message: `${requirement.id}: ${target}/${MANIFEST_NAME} has errors (npm run verify-snippets shows them)`, hint: 'Fix the manifest first.' }));
      continue;
    }
    if (proof.step === undefined) {
      resolved.push({ requirement, target, kind: 'example', declared: manifest.tier });
      continue;
    }
    const local = manifest.steps.some((step) => step.name === proof.step);
    const cluster = manifest.cluster?.steps.some((step) => step.name === proof.step) ?? false;
    if (!local && !cluster) {
      const names = [...manifest.steps, ...(manifest.cluster?.steps ?? [])].map((step) => step.name);
      const suggestion = didYouMean(proof.step, names);
      problems.push(diagnostic({ ...where, message: `${requirement.id}: ${target} has no step "${proof.step}"`, hint: `${suggestion ? `${suggestion} ` : ''}Its steps: ${names.join(', ') || 'none'}.` }));
      continue;
    }
    resolved.push({ requirement, target, kind: 'step', check: { tier: local ? 'local' : 'cluster', name: `step: ${proof.step}` }, declared: manifest.tier });
  }
  if (problems.length > 0) throw new BookError(problems);
  return resolved;
}
