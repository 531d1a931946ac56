/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.dockerfile`, `Containerfile`): `dockerfile-utils`
 * validation (unknown instructions, bad flags and syntax) plus the book's own rules:
 *
 *   docker-unpinned-image   FROM without a tag, or `:latest` (a digest counts as pinned; ARG defaults are
 *                           resolved; `scratch` and earlier stages are fine)
 *   docker-root-user        the final stage runs as root (no USER, or USER root/0), following stage parents
 *   docker-single-stage-build  the only stage installs or builds things (pip/npm/go/cargo/apt-get ...)
 *   docker-secret-in-image  ENV/ARG named like *_KEY, *TOKEN*, *SECRET*, *PASSWORD* with a literal value (not
 *                           public OpenPGP key fingerprints in a GPG/PGP-named variable, as official images use)
 *
 *   await dockerfileChecker.check('snippets/x/Dockerfile', 'FROM python\n', context)
 *   // → { diagnostics: [{ line: 1, column: 6, rule: 'docker-unpinned-image', ... }, { rule: 'docker-root-user', ... }] }
 */
import dockerfileAst from 'dockerfile-ast';
import type { Arg, Env, From, Instruction, Property } from 'dockerfile-ast';
import dockerfileUtils from 'dockerfile-utils';
import { languageOf } from '../../core/languages.ts';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import type { StaticChecker } from './types.ts';

export function isDockerfile(path: string): boolean {
  // One definition of "a Dockerfile" for the book and the checks: the core's language map.
  return languageOf(path).lang === 'dockerfile';
}

/** `UNKNOWN_INSTRUCTION` → `docker-unknown-instruction` */
function utilsRule(code: unknown): string {
  const name = typeof code === 'number' ? (dockerfileUtils.ValidationCode as unknown as Record<number, string>)[code] : undefined;
  return `docker-${(name ?? 'syntax').toLowerCase().replace(/_/g, '-')}`;
}

interface Stage {
  from: Instruction;
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

const BUILD_COMMAND =
  /\b(?:pip3?\s+install|uv\s+(?:pip\s+install|sync)|poetry\s+install|npm\s+(?:ci|install|i)\b|yarn(?:\s+install)?\b|pnpm\s+install|go\s+build|cargo\s+build|apt-get\s+install|apt\s+install|apk\s+add|dnf\s+install|yum\s+install|mvn\b|gradle\b|make\b|gcc\b)/;

const SECRET_NAME = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?)(?:_|$)|(?:^|_)KEY$|API_?KEY/i;

/** `GPG_KEY`, `NODE_GPG_KEYS`, `PGP_KEY_ID`: variables that name release-signing keys. */
const SIGNING_KEY_NAME = /(?:^|_)(?:GPG|PGP)(?:_|$)/i;

/** One or more OpenPGP fingerprints or key ids (40 or 16 hex digits, optionally 0x-prefixed or in groups of 4). */
function isKeyFingerprintList(value: string): boolean {
  const unquoted = value.replace(/^["']|["']$/g, '').trim();
  if (unquoted === '') return false;
  return unquoted.split(/[\s,;]+/).every((token) => /^(?:0x)?(?:[0-9A-F]{40}|[0-9A-F]{16})$/i.test(token) || /^[0-9A-F]{4}$/i.test(token)) && /[0-9A-F]{16}|(?:[0-9A-F]{4}\s+){9}[0-9A-F]{4}/i.test(unquoted);
}

/** `python:${PY}-slim` with `ARG PY=3.12` → `python:3.12-slim`; undefined when a variable has no default. */
function resolveArgs(image: string, defaults: Map<string, string | undefined>): string | undefined {
  let unresolved = false;
  const resolved = image.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = defaults.get(braced ?? bare ?? '');
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : resolved;
}

function splitImage(image: string): { name: string; tag: string | undefined; digest: string | undefined } {
  const [withoutDigest, digest] = image.split('@') as [string, string | undefined];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, tag: undefined, digest };
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({ from: instruction, image: from.getImage() ?? '', name: from.getBuildStage() ?? undefined, instructions: [] });
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0]?.trim() ?? '';
  return name === 'root' || name === '0';
}

/** The USER in effect at the end of `stage`, following `FROM <earlier stage>`; undefined = root by default. */
function effectiveUser(stage: Stage, stages: Stage[], depth = 0): { user: string; line: number } | undefined {
  const users = stage.instructions.filter((i) => i.getKeyword() === 'USER');
  const last = users[users.length - 1];
  if (last) return { user: last.getArgumentsContent() ?? '', line: last.getRange().start.line + 1 };
  const parent = stages.find((s) => s.name !== undefined && s.name.toLowerCase() === stage.image.toLowerCase() && s !== stage);
  return parent && depth < 10 ? effectiveUser(parent, stages, depth + 1) : undefined;
}

const at = (instruction: Instruction) => ({ line: instruction.getRange().start.line + 1, column: instruction.getRange().start.character + 1 });

export const dockerfileChecker: StaticChecker = {
  name: 'dockerfile',
  applies: (path) => isDockerfile(path),
  async check(path, content) {
    const diagnostics: Diagnostic[] = [];
    for (const problem of dockerfileUtils.validate(content)) {
      diagnostics.push(
        diagnostic({
          file: path,
          line: problem.range.start.line + 1,
          column: problem.range.start.character + 1,
          severity: problem.severity === 1 ? 'error' : 'warning',
          rule: utilsRule(problem.code),
          message: typeof problem.message === 'string' ? problem.message : problem.message.value,
          hint: 'Fix the instruction; see https://docs.docker.com/reference/dockerfile/.',
        }),
      );
    }
    const dockerfile = dockerfileAst.DockerfileParser.parse(content);
    const stages = stagesOf(dockerfile.getInstructions());
    if (stages.length === 0) return { diagnostics };
    const defaults = new Map<string, string | undefined>();
    for (const arg of dockerfile.getInitialARGs()) {
      const property = arg.getProperty();
      if (property) defaults.set(property.getName(), property.getValue() ?? undefined);
    }

    // docker-unpinned-image
    stages.forEach((stage, index) => {
      const earlier = stages.slice(0, index).map((s) => s.name?.toLowerCase());
      if (stage.image === '' || stage.image.toLowerCase() === 'scratch' || earlier.includes(stage.image.toLowerCase())) return;
      const image = resolveArgs(stage.image, defaults);
      const place = { file: path, line: at(stage.from).line, column: at(stage.from).column + 5, rule: 'docker-unpinned-image' };
      if (image === undefined) {
        diagnostics.push(diagnostic({ ...place, message: `Base image "${stage.image}" uses an ARG without a default value`, hint: 'Give the ARG before FROM a default that pins a version, e.g. ARG PYTHON_VERSION=3.12.' }));
        return;
      }
      const { name, tag, digest } = splitImage(image);
      if (digest) return;
      if (tag === undefined || tag === '') {
        diagnostics.push(diagnostic({ ...place, message: `Base image "${image}" has no tag`, hint: `Pin a version, e.g. ${name}:<version> (or a digest).` }));
      } else if (tag.toLowerCase() === 'latest') {
        diagnostics.push(diagnostic({ ...place, message: `Base image "${image}" uses the "latest" tag`, hint: `Pin a version instead of latest, e.g. ${name}:<version> (or a digest).` }));
      }
    });

    // docker-root-user
    const final = stages[stages.length - 1] as Stage;
    const user = effectiveUser(final, stages);
    if (!user) {
      diagnostics.push(
        diagnostic({ file: path, ...at(final.from), rule: 'docker-root-user', message: 'The final stage runs as root (no USER instruction)', hint: 'Add a non-root user to the final stage, e.g. RUN useradd --uid 10001 app, then USER 10001.' }),
      );
    } else if (isRootUser(user.user)) {
      diagnostics.push(
        diagnostic({ file: path, line: user.line, column: 1, rule: 'docker-root-user', message: `The final stage runs as root (USER ${user.user})`, hint: 'Switch to a non-root user at the end of the final stage, e.g. USER 10001.' }),
      );
    }

    // docker-single-stage-build
    if (stages.length === 1) {
      const build = final.instructions.find((i) => i.getKeyword() === 'RUN' && BUILD_COMMAND.test(i.getArgumentsContent() ?? ''));
      if (build) {
        const command = BUILD_COMMAND.exec(build.getArgumentsContent() ?? '')?.[0] ?? 'build';
        diagnostics.push(
          diagnostic({ file: path, ...at(build), rule: 'docker-single-stage-build', message: `The only stage runs "${command}": build tools and caches end up in the runtime image`, hint: 'Use a multi-stage build: install/build in a builder stage, then COPY --from=builder only what runs.' }),
        );
      }
    }

    // docker-secret-in-image
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'ARG') continue;
      const properties: Property[] =
        keyword === 'ENV' ? (instruction as Env).getProperties() : [(instruction as Arg).getProperty()].filter((p): p is Property => p !== null);
      for (const property of properties) {
        const name = property.getName();
        const value = property.getValue() ?? '';
        if (!SECRET_NAME.test(name) || value === '' || /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?-[^}]*)?\}?$/.test(value)) continue;
        if (SIGNING_KEY_NAME.test(name) && isKeyFingerprintList(value)) continue; // public key fingerprints
        const range = property.getNameRange();
        diagnostics.push(
          diagnostic({
            file: path,
            line: range.start.line + 1,
            column: range.start.character + 1,
            rule: 'docker-secret-in-image',
            message: `${keyword} ${name} bakes a literal secret value into the image`,
            hint: 'Pass secrets at run time (env from a Kubernetes Secret) or at build time with RUN --mount=type=secret; leave the value empty here.',
          }),
        );
      }
    }
    return { diagnostics };
  },
};
