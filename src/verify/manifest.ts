/**
 * The per-example manifest, `snippets/NN-slug/<example>/verify.yaml`: what the example must reach in the
 * book's CI and how to run it. Reads and validates it, reporting problems at `file:line:col`.
 *
 *   tier: local                          # static | local | cluster: the tier the book's CI must reach
 *   extends: ../../50-fastapi/lumen      # optional: build on an earlier example (src/core/overlay.ts); this
 *                                        # folder then holds only the files it adds or changes
 *   remove: [tests/test_old.py]          # files or folders of the base this example deletes (needs extends)
 *   requirements: requirements.txt       # Python imports of the example are checked against this file
 *                                        # (inherited from the base when an overlay does not set it)
 *   steps:
 *     - name: health endpoint
 *       run: python3 app/health.py       # a shell string, or an argv list: [python3, app/health.py]
 *       cwd: .                           # relative to the example folder (a temporary copy of it)
 *       env: { PORT: "8080" }
 *       timeout: 30s                     # default 60s; a number is seconds
 *       exitCode: 0
 *       expect: output/health.out        # expected output, compared after normalisation
 *       requires: [docker, { python: [fastapi] }]
 *   services:                            # started before the local steps, on free 127.0.0.1 ports
 *     - redis                            # redis-server: REDIS_HOST, REDIS_PORT
 *     - kafka                            # single-node KRaft broker: KAFKA_BOOTSTRAP_SERVERS
 *     - app: { run: python3 app.py, health: /healthz }   # a long-running process of the example: APP_PORT
 *     #   timeout: 2m on an app: how long it may take to become healthy (default: the services' 120 s)
 *     #   port: 4318 on an app points localhost:4318 in Dapr component and Configuration YAML at it
 *     - dapr: { app-id: lumen, app-port: 8000, components: ./components, config: ./config.yaml }
 *     # several apps: `name` each app after the app-id of its sidecar; one redis, placement and scheduler
 *     # serve them all; steps get DAPR_HTTP_PORT_<APP_ID>, DAPR_GRPC_PORT_<APP_ID>, APP_PORT_<APP_ID>
 *   cluster:                             # the cluster tier (run with --cluster kind|current|local)
 *     addons: [dapr]                     # dapr | strimzi | kong | prometheus-crds | envoy-gateway
 *     namespace: argocd                  # optional: a namespace the example owns (its objects pin it); the
 *                                        # tier creates it, refuses one that already exists, and deletes it
 *     images: [{ name: agent:dev, context: ., dockerfile: Dockerfile }]
 *     apply: [k8s/]
 *     rollout: [deployment/agent]
 *     steps: [{ name: pods, run: kubectl get pods -n "$NAMESPACE", expect: output/pods.out }]
 *
 *   await loadManifest('/repo', 'snippets/53-k8s/deploy/verify.yaml')  // → Manifest, or throws BookError
 */
import { readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { z } from 'zod';
import { BookError, diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { exampleRelative, fileInLayers, resolveOverlayChain, type OverlayLayer } from '../core/overlay.ts';
import { didYouMean } from '../core/suggest.ts';
import { parseLocated, pathLabel, positionOf, schemaDiagnostics, type Located } from '../core/located-yaml.ts';
import { TIERS, type Tier } from './types.ts';

export const MANIFEST_NAME = 'verify.yaml';
export const DEFAULT_TIMEOUT_MS = 60_000;
const RULE = 'verify-manifest';

// No ingress-nginx: the project was retired in March 2026 (chapter 60 teaches Gateway API with Envoy Gateway).
export const ADDONS = ['dapr', 'strimzi', 'kong', 'prometheus-crds', 'envoy-gateway'] as const;
export type Addon = (typeof ADDONS)[number];

/** Namespaces of the cluster itself: an example never owns (creates, then deletes) one of these. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** A namespace an example owns: a DNS-1123 label that is not one of the cluster's own. */
const ownedNamespace = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a namespace name: lower-case letters, digits and -, at most 63 characters')
  .refine((name) => !(SYSTEM_NAMESPACES as readonly string[]).includes(name), { error: (issue) => `${String(issue.input)} is a namespace of the cluster itself, which an example may not own (the tier deletes the namespaces it owns)` });

/** Requirement names with a built-in probe; any other string is the name of a program that must be on PATH. */
export const KNOWN_REQUIREMENTS = ['node', 'python', 'docker', 'kind', 'cluster', 'kafka', 'dapr', 'helm', 'kubectl'] as const;

const durationMs = z.union([
  z.number().positive().transform((seconds) => Math.round(seconds * 1000)),
  z
    .string()
    .regex(/^\d+(\.\d+)?(ms|s|m)$/, 'expected a duration such as 30s, 2m or 500ms')
    .transform((text) => {
      const value = Number.parseFloat(text);
      if (text.endsWith('ms')) return Math.round(value);
      return Math.round(value * (text.endsWith('m') ? 60_000 : 1000));
    }),
]);

const requirement = z.union([
  z.string().regex(/^[A-Za-z0-9][\w.+-]*$/, 'expected a requirement name such as docker or kubectl, or a program name'),
  z.strictObject({ python: z.array(z.string().regex(/^[A-Za-z_][\w.]*$/, 'expected a Python module name')).min(1) }),
]);

const stepSchema = z.strictObject({
  name: z.string().min(1),
  run: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  cwd: z.string().min(1).default('.'),
  env: z.record(z.string().regex(/^[A-Za-z_]\w*$/, 'expected an environment variable name'), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  timeout: durationMs.default(DEFAULT_TIMEOUT_MS),
  exitCode: z.number().int().min(0).max(255).default(0),
  expect: z.string().min(1).optional(),
  output: z.enum(['combined', 'stdout', 'stderr']).default('combined'),
  stdin: z.string().optional(),
  requires: z.array(requirement).default([]),
});

export const SERVICE_NAMES = ['kafka', 'redis', 'dapr', 'app'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const daprServiceSchema = z.strictObject({
  'app-id': z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'expected a Dapr app id such as lumen (lower-case letters, digits and -)'),
  /** The port a reader's app listens on; the runner gives the app a free port instead (APP_PORT). */
  'app-port': z.number().int().min(1).max(65535).optional(),
  components: z.string().min(1).default('./components'),
  config: z.string().min(1).optional(),
});

const appServiceSchema = z.strictObject({
  /** Needed when an example has several apps: the app-id of the sidecar that calls this app (APP_PORT_<NAME>). */
  name: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'expected a name such as lumen-tools (lower-case letters, digits and -)').optional(),
  run: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  cwd: z.string().min(1).default('.'),
  env: z.record(z.string().regex(/^[A-Za-z_]\w*$/, 'expected an environment variable name'), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** HTTP path answered with 2xx once the app is ready; without it, the app is ready when APP_PORT accepts connections. */
  health: z.string().regex(/^\//, 'expected an HTTP path such as /healthz').optional(),
  /** The port the app listens on for a reader (e.g. 4318): localhost:<port> in Dapr component and Configuration YAML is pointed at its free port. */
  port: z.number().int().min(1).max(65535).optional(),
  /** How long the app may take to answer `health` (or accept connections); without it, the services' health timeout. */
  timeout: durationMs.optional(),
});

/** A `services` entry is a bare name (`kafka`, `redis`) or a one-key map (`dapr: {…}`, `app: {…}`), checked one by one. */
const serviceEntrySchema = z.union([z.string(), z.record(z.string(), z.unknown())], { error: 'expected a service: kafka, redis, { dapr: {…} } or { app: {…} }' });

const manifestSchema = z.strictObject({
  tier: z.enum(TIERS).default('static'),
  extends: z.string().min(1).optional(),
  remove: z.array(z.string().min(1)).default([]),
  requirements: z.string().min(1).optional(),
  support: z.array(z.string().min(1)).default([]),
  services: z.array(serviceEntrySchema).default([]),
  steps: z.array(stepSchema).default([]),
  cluster: z
    .strictObject({
      addons: z.array(z.enum(ADDONS)).default([]),
      namespace: ownedNamespace.optional(),
      images: z.array(z.strictObject({ name: z.string().min(1), context: z.string().min(1).default('.'), dockerfile: z.string().min(1).optional() })).default([]),
      apply: z.array(z.string().min(1)).min(1),
      rollout: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.-]+$/, 'expected kind/name, e.g. deployment/agent')).default([]),
      rolloutTimeout: durationMs.default(180_000),
      steps: z.array(stepSchema).default([]),
    })
    .optional(),
});

export type Requirement = z.infer<typeof requirement>;
interface ServiceBase {
  /** Index of the entry in `services` as written. */
  entry: number;
  /** Position of the entry in the manifest, for diagnostics. */
  line: number;
  column: number;
}
export type DaprService = ServiceBase & { kind: 'dapr'; appId: string; appPort?: number | undefined; components: string; config?: string | undefined };
export type AppService = ServiceBase & { kind: 'app' } & z.infer<typeof appServiceSchema>;
export type Service = (ServiceBase & { kind: 'kafka' | 'redis' }) | DaprService | AppService;
/** A step with the position of its entry in the manifest, for diagnostics. */
export type Step = z.infer<typeof stepSchema> & { line: number; column: number };
type Parsed = z.infer<typeof manifestSchema>;
type ClusterSection = Omit<NonNullable<Parsed['cluster']>, 'steps'> & { steps: Step[] };
export interface Manifest {
  tier: Tier;
  /** Where `tier` is written (or the start of the file), for diagnostics about the declared tier. */
  tierAt: { line: number; column: number };
  /** As written (example-relative), or inherited from the nearest base that sets it. */
  requirements?: string | undefined;
  /** Repo-relative requirements file, found through the layers (it may live in a base example). */
  requirementsFile?: string | undefined;
  /**
   * The example folders materialised into a step's temporary copy, base first; the last is this example.
   * Just this example when it extends nothing.
   */
  layers: OverlayLayer[];
  /** Services started before the local steps, in start order (redis and kafka, then app, then dapr). */
  services: Service[];
  steps: Step[];
  cluster?: ClusterSection | undefined;
  /** Repo-relative path of the manifest file. */
  file: string;
  /** Repo-relative folder of the example (the manifest's folder). */
  dir: string;
  /**
   * Repo-relative paths the manifest refers to (requirements, expected outputs, Dockerfiles, applied files
   * and folders, image build contexts — the example folder itself when an image is built from `.`).
   */
  referenced: string[];
  /** The manifest's text, part of cache keys. */
  source: string;
}

const HINTS: Record<string, string> = {
  tier: 'Use one of static, local, cluster: the tier the book\'s CI must reach for this example.',
  extends: 'Give the path of an earlier example folder (one with a verify.yaml), relative to this example, e.g. ../../50-fastapi/lumen.',
  remove: 'List files or folders of the base example to delete from the copy, relative to the example folder.',
  requirements: 'Give the path of a requirements file, relative to the example folder.',
  support: 'List files or folders the example needs that no chapter shows (code a step runs, test data), relative to the example folder.',
  steps: 'List steps, each with at least a name and a run command.',
  services: 'List services: kafka, redis, { app: { run, health } } or { dapr: { app-id, app-port, components, config } }; dapr needs redis in the same list.',
  dapr: 'dapr takes app-id (required), app-port, components (a folder, default ./components) and config (a Dapr Configuration file).',
  app: 'app takes run (required), name (required when there are several apps), cwd, env, health (an HTTP path such as /healthz), port and timeout.',
  port: 'Give the port the app listens on for a reader, e.g. 4318: localhost:4318 in Dapr YAML then points at the app (the runner uses a free port in APP_PORT_<NAME>).',
  'app-id': 'Give the Dapr app id, e.g. lumen.',
  'app-port': 'Give the port the app listens on a laptop, e.g. 8000 (the runner uses a free port in APP_PORT).',
  components: 'Give the folder of Dapr component YAML, relative to the example, e.g. ./components.',
  config: 'Give the Dapr Configuration file, relative to the example, e.g. ./config.yaml.',
  health: 'Give an HTTP path the app answers with 2xx once ready, e.g. /healthz.',
  name: 'Give every step a short unique name.',
  run: 'Write a shell string ("python3 app.py") or an argv list ([python3, app.py]).',
  cwd: 'Give a folder relative to the example folder.',
  env: 'Write env as a map of NAME: value.',
  timeout: 'Write a duration such as 30s, 2m or 500ms (a bare number is seconds).',
  exitCode: 'Give the expected exit status, 0-255.',
  expect: 'Give the expected-output file relative to the example folder; create it with --update.',
  output: 'Use combined, stdout or stderr.',
  stdin: 'Give the text fed to the step\'s standard input.',
  requires: `List requirements: ${KNOWN_REQUIREMENTS.filter((r) => r !== 'python').join(', ')}, { python: [module, …] }, or a program name.`,
  cluster: 'The cluster section takes addons, namespace, images, apply, rollout, rolloutTimeout and steps.',
  namespace: 'Give the namespace the applied objects pin (metadata.namespace), e.g. argocd; leave it out to get a fresh vs-… namespace.',
  addons: `Add-ons available: ${ADDONS.join(', ')}.`,
  images: 'List images as { name, context, dockerfile }.',
  apply: 'List files or folders (relative to the example) for kubectl apply -f.',
  rollout: 'List workloads to wait for, as kind/name (deployment/agent).',
};

const TOP_KEYS = ['tier', 'extends', 'remove', 'requirements', 'support', 'services', 'steps', 'cluster'];
const DAPR_KEYS = ['app-id', 'app-port', 'components', 'config'];
const APP_KEYS = ['name', 'run', 'cwd', 'env', 'health', 'port', 'timeout'];
const STEP_KEYS = ['name', 'run', 'cwd', 'env', 'timeout', 'exitCode', 'expect', 'output', 'stdin', 'requires'];
const CLUSTER_KEYS = ['addons', 'namespace', 'images', 'apply', 'rollout', 'rolloutTimeout', 'steps'];

function hintFor(path: readonly PropertyKey[]): string {
  if (path[0] === 'services' && path[2] === 'app' && path[3] === 'name') return 'Name the app after the app-id of the sidecar that calls it, e.g. name: lumen-tools.';
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const part = path[i];
    if (typeof part === 'string' && HINTS[part]) return HINTS[part];
  }
  return 'See the manifest format at the top of src/verify/manifest.ts.';
}

function keysAllowedAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return TOP_KEYS;
  if (path.length === 1 && path[0] === 'cluster') return CLUSTER_KEYS;
  if (path[0] === 'services' && path.length === 3) return path[2] === 'dapr' ? DAPR_KEYS : path[2] === 'app' ? APP_KEYS : [];
  if (path.length >= 2 && typeof path[path.length - 1] === 'number') return STEP_KEYS;
  return [];
}

function issuesToDiagnostics(located: Located, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  return schemaDiagnostics(located, issues, { rule: RULE, keysAllowedAt, hintFor });
}

/** Start order: the stores first, then the example's app, then daprd (which calls the app and uses redis). */
const SERVICE_ORDER: readonly ServiceName[] = ['redis', 'kafka', 'app', 'dapr'];

/**
 * Checks each `services` entry against the schema of its kind, with positions; pushes problems (unknown
 * service, duplicates, dapr without redis) to `problems`. Services keep the order written; the caller sorts.
 */
function parseServices(file: string, located: Located, entries: readonly (string | Record<string, unknown>)[], problems: Diagnostic[]): Service[] {
  const services: Service[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const at: PropertyKey[] = ['services', index];
    const position = { entry: index, ...positionOf(located, at) };
    const unknown = (name: string) => {
      const suggestion = didYouMean(name, [...SERVICE_NAMES]);
      problems.push(diagnostic({ file, line: position.line, column: position.column, message: `Unknown service "${name}" in services[${index}]`, hint: `${suggestion ? `${suggestion} ` : ''}${HINTS['services']}`, rule: RULE }));
    };
    let service: Service | undefined;
    if (typeof entry === 'string') {
      if (entry === 'kafka' || entry === 'redis') service = { kind: entry, ...position };
      else if (entry === 'dapr' || entry === 'app') problems.push(diagnostic({ file, line: position.line, column: position.column, message: `services[${index}]: ${entry} needs settings`, hint: HINTS[entry] ?? '', rule: RULE }));
      else unknown(entry);
    } else {
      const keys = Object.keys(entry);
      const [kind] = keys;
      if (keys.length !== 1 || kind === undefined) {
        problems.push(diagnostic({ file, line: position.line, column: position.column, message: `services[${index}] must be a map with one key (dapr or app), found ${keys.length === 0 ? 'none' : keys.join(', ')}`, hint: HINTS['services'] ?? '', rule: RULE }));
      } else if (kind === 'dapr' || kind === 'app') {
        const schema = kind === 'dapr' ? daprServiceSchema : appServiceSchema;
        const parsed = schema.safeParse(entry[kind] ?? {});
        if (!parsed.success) {
          const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [...at, kind, ...issue.path] }));
          problems.push(...issuesToDiagnostics(located, issues));
        } else if (kind === 'dapr') {
          const dapr = parsed.data as z.infer<typeof daprServiceSchema>;
          service = { kind: 'dapr', appId: dapr['app-id'], appPort: dapr['app-port'], components: dapr.components, config: dapr.config, ...position };
        } else service = { kind: 'app', ...(parsed.data as z.infer<typeof appServiceSchema>), ...position };
      } else unknown(kind);
    }
    if (!service) continue;
    // An example may run several apps and several sidecars (one per app id); the stores are started once.
    const key = service.kind === 'dapr' ? `dapr ${service.appId}` : service.kind === 'app' ? `app ${service.name ?? `#${index}`}` : service.kind;
    if (service.kind !== 'kafka' && service.kind !== 'redis' && seen.has(key)) {
      const what = service.kind === 'dapr' ? `dapr with app-id ${service.appId}` : service.kind === 'app' ? `app named ${service.name ?? ''}` : service.kind;
      problems.push(diagnostic({ file, line: position.line, column: position.column, message: `Service ${what} is listed twice`, hint: service.kind === 'dapr' ? 'Give each sidecar its own app-id.' : 'Give each app its own name.', rule: RULE }));
      continue;
    }
    if (seen.has(service.kind) && (service.kind === 'kafka' || service.kind === 'redis')) {
      problems.push(diagnostic({ file, line: position.line, column: position.column, message: `Service ${service.kind} is listed twice`, hint: 'List each service once per example.', rule: RULE }));
      continue;
    }
    seen.add(service.kind);
    seen.add(key);
    services.push(service);
  }
  const apps = services.filter((s) => s.kind === 'app');
  if (apps.length > 1) {
    for (const app of apps.filter((a) => a.name === undefined)) {
      problems.push(diagnostic({ file, line: app.line, column: app.column, message: `services[${app.entry}]: with several apps, each app needs a name`, hint: 'Name the app after the app-id of the sidecar that calls it, e.g. name: lumen-tools.', rule: RULE }));
    }
  }
  const dapr = services.find((s) => s.kind === 'dapr');
  if (dapr && !seen.has('redis')) {
    problems.push(diagnostic({ file, line: dapr.line, column: dapr.column, message: "Service dapr needs redis in the same services list (the book's Dapr state store and pub/sub components run on Redis)", hint: 'Add - redis to services.', rule: RULE }));
  }
  return services;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Resolves `relativePath` inside the example folder `dir` (both repo-relative); undefined when it escapes. */
export function insideExample(dir: string, relativePath: string): string | undefined {
  if (posix.isAbsolute(relativePath)) return undefined;
  const joined = posix.normalize(posix.join(dir, relativePath));
  if (dir === '.' || dir === '') return joined === '..' || joined.startsWith('../') ? undefined : joined;
  if (joined !== dir && !joined.startsWith(`${dir}/`)) return undefined;
  return joined;
}

/**
 * Parses and validates a manifest's text. `file` is repo-relative; `root` is used to check that the files
 * it names exist (expected-output files may be missing when `allowMissingExpect`, i.e. under --update).
 */
export async function parseManifest(root: string, file: string, source: string, options: { allowMissingExpect?: boolean } = {}): Promise<Manifest> {
  const located = parseLocated(file, source, RULE, 'the manifest');
  const raw = located.value;
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BookError(issuesToDiagnostics(located, parsed.error.issues));
  const value = parsed.data;
  const dir = posix.dirname(file);
  const problems: Diagnostic[] = [];
  const referenced: string[] = [];

  // The overlay chain: this example on top of the examples it extends (just itself when it extends nothing).
  const own: OverlayLayer = { dir, manifest: file, remove: [], requirements: value.requirements };
  if (value.extends !== undefined) own.extends = { value: value.extends, ...positionOf(located, [], 'extends') };
  const removals: { index: number; path: string }[] = [];
  for (const [index, entry] of value.remove.entries()) {
    const clean = exampleRelative(entry);
    if (clean === undefined) problems.push(diagnostic({ file, ...positionOf(located, ['remove', index]), message: `remove[${index}] "${entry}" is outside the example folder ${dir}/`, hint: 'remove names files or folders of the base, relative to the example folder; it can delete nothing else.', rule: RULE }));
    else removals.push({ index, path: clean });
  }
  own.remove = removals.map((r) => r.path);
  own.support = value.support;
  const chain = resolveOverlayChain(root, dir, own);
  if (!chain.ok) problems.push(...chain.diagnostics);
  const layers = chain.ok ? chain.layers : [own];
  if (value.extends === undefined && value.remove.length > 0) {
    problems.push(diagnostic({ file, ...positionOf(located, [], 'remove'), message: 'remove is only meaningful with extends: this example has no base to delete from', hint: 'Add extends: <earlier example>, or delete the files themselves and drop remove.', rule: RULE }));
  } else if (chain.ok && layers.length > 1) {
    const baseLayers = layers.slice(0, -1);
    for (const { index, path: entry } of removals) {
      if (!fileInLayers(root, baseLayers, entry)) {
        problems.push(diagnostic({ file, ...positionOf(located, ['remove', index]), message: `remove: ${entry} is not in the base example ${(baseLayers[baseLayers.length - 1] as OverlayLayer).dir}/`, hint: 'List paths of the base, relative to the example folder; check the spelling.', rule: RULE }));
      }
    }
  }

  /** Where `resolved` (repo-relative, inside this example) is found in the materialised tree. */
  const findInLayers = (resolved: string): string | undefined => {
    if (layers.length < 2) return undefined;
    if (resolved === dir) return dir;
    return fileInLayers(root, layers, resolved.slice(dir.length + 1));
  };

  const checkPath = async (path: readonly PropertyKey[], relativePath: string, what: string, mustExist: boolean): Promise<string | undefined> => {
    const resolved = insideExample(dir, relativePath);
    if (resolved === undefined) {
      problems.push(diagnostic({ file, ...positionOf(located, path), message: `${pathLabel(path)} "${relativePath}" is outside the example folder ${dir}/`, hint: 'Paths in a manifest are relative to its folder and must stay inside it.', rule: RULE }));
      return undefined;
    }
    // In an overlay a path may name a file of a base example: the base's file is the one used.
    const found = (await exists(join(root, resolved))) ? resolved : findInLayers(resolved);
    referenced.push(found ?? resolved);
    if (mustExist && found === undefined) {
      const inBase = layers.length > 1 ? ' (in this example or the examples it extends)' : '';
      problems.push(diagnostic({ file, ...positionOf(located, path), message: `${what} ${resolved} does not exist${inBase}`, hint: what === 'expected-output file' ? 'Create it from a real run with --update.' : `Create ${resolved} or fix the path.`, rule: RULE }));
    }
    return found;
  };

  // An overlay inherits the nearest base's requirements unless it sets its own.
  const requirements = value.requirements ?? [...layers].reverse().find((layer) => layer.requirements !== undefined)?.requirements;
  let requirementsFile: string | undefined;
  if (requirements !== undefined) requirementsFile = await checkPath(value.requirements !== undefined ? ['requirements'] : ['extends'], requirements, 'requirements file', true);
  // Support files a base declares stay support files in the overlay: the overlay's own versions count as used.
  for (const layer of layers.slice(0, -1)) {
    for (const entry of layer.support ?? []) {
      const resolved = insideExample(dir, entry);
      if (resolved !== undefined && (await exists(join(root, resolved)))) referenced.push(resolved);
    }
  }
  const services = parseServices(file, located, value.services, problems);
  for (const service of services) {
    const at = ['services', service.entry];
    if (service.kind === 'dapr') {
      await checkPath([...at, 'dapr', 'components'], service.components, 'components folder', true);
      if (service.config !== undefined) await checkPath([...at, 'dapr', 'config'], service.config, 'Dapr configuration file', true);
    }
  }
  for (const [index, path] of value.support.entries()) await checkPath(['support', index], path, 'support file or folder', true);
  const checkSteps = async (steps: z.infer<typeof stepSchema>[], prefix: PropertyKey[]) => {
    const names = new Set<string>();
    for (const [index, step] of steps.entries()) {
      const at = [...prefix, index];
      if (names.has(step.name)) problems.push(diagnostic({ file, ...positionOf(located, [...at, 'name']), message: `Duplicate step name "${step.name}"`, hint: HINTS['name'], rule: RULE }));
      names.add(step.name);
      if (insideExample(dir, step.cwd) === undefined) await checkPath([...at, 'cwd'], step.cwd, 'folder', false);
      if (step.expect !== undefined) await checkPath([...at, 'expect'], step.expect, 'expected-output file', !options.allowMissingExpect);
    }
  };
  await checkSteps(value.steps, ['steps']);
  if (value.cluster) {
    for (const [index, image] of value.cluster.images.entries()) {
      await checkPath(['cluster', 'images', index, 'context'], image.context, 'build context', true);
      await checkPath(['cluster', 'images', index, 'dockerfile'], image.dockerfile ?? posix.join(image.context, 'Dockerfile'), 'Dockerfile', true);
    }
    for (const [index, target] of value.cluster.apply.entries()) await checkPath(['cluster', 'apply', index], target, 'manifest path', true);
    await checkSteps(value.cluster.steps, ['cluster', 'steps']);
  }
  if (value.tier === 'cluster' && !value.cluster) {
    problems.push(diagnostic({ file, ...positionOf(located, ['tier']), message: 'tier is cluster but the manifest has no cluster section', hint: 'Add a cluster section (apply, rollout, steps) or lower the tier.', rule: RULE }));
  }
  if (value.tier !== 'static' && value.steps.length === 0 && !value.cluster) {
    problems.push(diagnostic({ file, ...positionOf(located, ['tier']), message: `tier is ${value.tier} but the manifest declares no steps`, hint: 'Add steps that run the example, or lower the tier to static.', rule: RULE }));
  }
  if (problems.length > 0) throw new BookError(problems);
  const locate = (steps: z.infer<typeof stepSchema>[], prefix: PropertyKey[]): Step[] => steps.map((step, index) => ({ ...step, ...positionOf(located, [...prefix, index]) }));
  return {
    tier: value.tier,
    tierAt: positionOf(located, ['tier']),
    requirements,
    requirementsFile,
    layers,
    services: [...services].sort((a, b) => SERVICE_ORDER.indexOf(a.kind) - SERVICE_ORDER.indexOf(b.kind)),
    steps: locate(value.steps, ['steps']),
    cluster: value.cluster ? { ...value.cluster, steps: locate(value.cluster.steps, ['cluster', 'steps']) } : undefined,
    file,
    dir,
    referenced: [...new Set(referenced)],
    source,
  };
}

/** Reads and validates `root/file` (repo-relative). */
export async function loadManifest(root: string, file: string, options: { allowMissingExpect?: boolean } = {}): Promise<Manifest> {
  const source = await readFile(join(root, file), 'utf8');
  return parseManifest(root, file, source, options);
}
