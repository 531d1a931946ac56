/**
 * Reads the runtime pins (runtimes/runtimes.yaml) through a zod schema and says where each runtime lives in
 * the cache. Pure apart from reading files; never touches the network.
 *
 *   const config = loadRuntimesConfig(repoRoot);
 *   config.kafka.version                      // → '4.3.2'
 *   runtimeDir(cacheRoot({}), 'kafka', '4.3.2') // → '~/.cache/ai-cloud-native-book/runtimes/kafka/4.3.2'
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const RUNTIME_NAMES = ['python', 'kafka', 'redis', 'dapr', 'tools', 'go-modules', 'kubernetes'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];
/**
 * What `install` and `--check` do without names. kubernetes is left out until the coordinator decides its
 * cold build (about 23 min on 2 busy cores) fits CI; `install kubernetes` provisions it explicitly.
 */
export const DEFAULT_RUNTIMES: readonly RuntimeName[] = ['python', 'kafka', 'redis', 'dapr', 'tools', 'go-modules'];

/** The repository this module belongs to (where runtimes/runtimes.yaml lives). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONFIG_PATH = 'runtimes/runtimes.yaml';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');
const goVersion = z.string().regex(/^v\d+\.\d+\.\d+/, 'a Go module version starts with v, e.g. v4.3.2');

/**
 * `module`: a build-only Go module in the repository (go.mod + go.sum) for a tool whose own go.mod has replace
 * directives, which `go install pkg@version` refuses; the tool is then built with `go build` inside it.
 */
const goTool = z.strictObject({ source: z.literal('go'), package: z.string().min(1), version: goVersion, module: z.string().min(1).optional() });
const debianTool = z.strictObject({
  source: z.literal('debian'),
  package: z.string().min(1),
  version: z.string().min(1),
  suite: z.string().min(1),
  file: z.string().min(1),
  sha256,
});
export const toolSchema = z.discriminatedUnion('source', [goTool, debianTool]);
export type ToolPin = z.infer<typeof toolSchema>;

export const configSchema = z.strictObject({
  python: z.strictObject({
    uv: z.strictObject({ version: z.string().regex(/^\d+\.\d+\.\d+$/), sha256: z.array(sha256).min(1) }),
    pythonVersion: z.string().regex(/^3\.\d+$/),
  }),
  kafka: z.strictObject({ version: z.string().regex(/^\d+\.\d+\.\d+$/), pom: z.string().min(1) }),
  redis: z.strictObject({ debianPackage: z.string().min(1) }),
  dapr: z.strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    module: z.string().min(1),
    buildTags: z.string().min(1),
    packages: z.array(z.string().min(1)).min(1),
  }),
  tools: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), toolSchema),
  kubernetes: z.strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    module: z.string().min(1),
    packages: z.array(z.string().regex(/^k8s\.io\/kubernetes\/cmd\/[a-z-]+$/, 'a command of k8s.io/kubernetes, e.g. k8s.io/kubernetes/cmd/kube-apiserver')).min(1),
    etcd: toolSchema,
    kwok: toolSchema,
  }),
});
export type RuntimesConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses runtimes/runtimes.yaml; a bad file is a ConfigError naming file:line and the field. */
export function loadRuntimesConfig(root: string = REPO_ROOT): RuntimesConfig {
  const file = join(root, CONFIG_PATH);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${file}: cannot read the runtime pins; restore it from git (git checkout -- ${CONFIG_PATH})`);
  }
  return parseRuntimesConfig(text, file);
}

export function parseRuntimesConfig(text: string, file: string): RuntimesConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  return parsed.data;
}

/** `$BOOK_CACHE_DIR`, or else `$HOME/.cache/ai-cloud-native-book` (the shared contract). */
export function cacheRoot(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env['BOOK_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') return resolve(explicit);
  return join(env['HOME'] ?? homedir(), '.cache', 'ai-cloud-native-book');
}

export function runtimeDir(cache: string, name: string, versionOrHash: string): string {
  return join(cache, 'runtimes', name, versionOrHash);
}

/** A short stable hash of a pin (and of the repo files it builds from), stored in the install marker. */
export function pinHash(...parts: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export function readRepoFile(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    throw new ConfigError(`${join(root, path)}: missing (named in ${CONFIG_PATH}); restore it from git`);
  }
}

export function provisionCommand(name: string): string {
  return `npm run runtimes -- install ${name}`;
}

/** What every installer gets: the repo root, the cache folder, the pins, the environment, a log file and a progress line. */
export interface InstallerContext {
  root: string;
  cache: string;
  config: RuntimesConfig;
  env: Readonly<Record<string, string | undefined>>;
  log: string;
  progress: (line: string) => void;
  force?: boolean | undefined;
}
