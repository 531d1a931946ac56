/**
 * Declared Python dependencies of the snippets: reads `requirements*.txt` and `pyproject.toml`
 * (`[project].dependencies`, optional dependencies, `[dependency-groups]`, Poetry) into one set holding the
 * normalised distribution names AND the module names they provide, so that `import yaml` is accepted
 * when `PyYAML` is declared.
 *
 *   readPythonRequirements([{ path: 'snippets/x/requirements.txt', content: 'PyYAML==6.0\nuvicorn[standard]>=0.30' }])
 *   // → Set { 'pyyaml', 'yaml', 'uvicorn' }
 *   importNamesOf('opentelemetry-exporter-otlp')   // → ['opentelemetry_exporter_otlp', 'opentelemetry']
 *   requirementChain('a/requirements-dev.txt', read)  // → [{ path: 'a/requirements-dev.txt', … }, { path: 'a/requirements.txt', … }]
 */
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { requirementIncludes } from '../../core/pip-requirements.ts';

/**
 * A requirements file and every file its `-r` / `--requirement` lines include, in the order pip reads them,
 * each once; `read` returns undefined for a file that does not exist (it is left out).
 */
export async function requirementChain(path: string, read: (path: string) => Promise<string | undefined> | string | undefined): Promise<{ path: string; content: string }[]> {
  const files: { path: string; content: string }[] = [];
  const queue = [path];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (files.some((file) => file.path === next)) continue;
    const content = await read(next);
    if (content === undefined) continue;
    files.push({ path: next, content });
    for (const include of requirementIncludes(content)) queue.push(posix.normalize(posix.join(posix.dirname(next), include)));
  }
  return files;
}

/** PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normaliseDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Distributions whose import name differs from their (normalised) name. */
const IMPORT_NAMES: Record<string, string[]> = {
  pyyaml: ['yaml'],
  'python-dotenv': ['dotenv'],
  'python-multipart': ['multipart', 'python_multipart'],
  'python-jose': ['jose'],
  'python-json-logger': ['pythonjsonlogger'],
  'python-dateutil': ['dateutil'],
  pyjwt: ['jwt'],
  beautifulsoup4: ['bs4'],
  pillow: ['PIL'],
  'scikit-learn': ['sklearn'],
  'opencv-python': ['cv2'],
  'opencv-python-headless': ['cv2'],
  protobuf: ['google'],
  grpcio: ['grpc'],
  'grpcio-tools': ['grpc_tools'],
  'grpcio-health-checking': ['grpc_health'],
  'psycopg2-binary': ['psycopg2'],
  'psycopg-binary': ['psycopg'],
  'kafka-python': ['kafka'],
  'confluent-kafka': ['confluent_kafka'],
  'openai-agents': ['agents'],
  attrs: ['attr', 'attrs'],
  pymongo: ['pymongo', 'bson', 'gridfs'],
  'google-genai': ['google'],
  'google-generativeai': ['google'],
  'prometheus-client': ['prometheus_client'],
  'typing-extensions': ['typing_extensions'],
};

/** Families: every distribution with this prefix provides the given top-level package. */
const PREFIX_IMPORTS: [string, string][] = [
  ['opentelemetry-', 'opentelemetry'],
  ['dapr-ext-', 'dapr'],
  ['google-cloud-', 'google'],
  ['google-api-', 'googleapiclient'],
  ['azure-', 'azure'],
];

/** The module names a distribution provides (best effort; the default is the name with `_`). */
export function importNamesOf(distribution: string): string[] {
  const normalised = normaliseDistribution(distribution);
  const names = new Set<string>([normalised.replace(/-/g, '_')]);
  for (const name of IMPORT_NAMES[normalised] ?? []) names.add(name);
  for (const [prefix, module] of PREFIX_IMPORTS) if (normalised.startsWith(prefix)) names.add(module);
  return [...names];
}

/** `uvicorn[standard]>=0.30 ; python_version >= "3.12"` → `uvicorn`; options, URLs and blanks → undefined. */
export function requirementName(line: string): string | undefined {
  const text = line.replace(/(^|\s)#.*$/, '').trim();
  if (text === '' || text.startsWith('-') || /^[a-z+]+:\/\//i.test(text)) return undefined;
  const egg = /#egg=([A-Za-z0-9._-]+)/.exec(line);
  if (egg?.[1]) return egg[1];
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text);
  return match?.[1];
}

const dependencyList = z.array(z.string()).optional();

const pyprojectSchema = z.looseObject({
  project: z
    .looseObject({
      dependencies: dependencyList,
      'optional-dependencies': z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  'dependency-groups': z.record(z.string(), z.array(z.unknown())).optional(),
  tool: z
    .looseObject({
      poetry: z
        .looseObject({
          dependencies: z.record(z.string(), z.unknown()).optional(),
          group: z.record(z.string(), z.looseObject({ dependencies: z.record(z.string(), z.unknown()).optional() })).optional(),
        })
        .optional(),
    })
    .optional(),
});

function pyprojectRequirements(content: string): string[] {
  let data: unknown;
  try {
    data = parseToml(content);
  } catch {
    return []; // the toml checker reports the syntax error
  }
  const parsed = pyprojectSchema.safeParse(data);
  if (!parsed.success) return [];
  const { project, tool } = parsed.data;
  const specs = [
    ...(project?.dependencies ?? []),
    ...Object.values(project?.['optional-dependencies'] ?? {}).flat(),
    ...Object.values(parsed.data['dependency-groups'] ?? {})
      .flat()
      .filter((item): item is string => typeof item === 'string'),
  ];
  const poetry = tool?.poetry;
  const poetryNames = [
    ...Object.keys(poetry?.dependencies ?? {}),
    ...Object.values(poetry?.group ?? {}).flatMap((group) => Object.keys(group.dependencies ?? {})),
  ].filter((name) => name !== 'python');
  return [...specs.map(requirementName).filter((name): name is string => name !== undefined), ...poetryNames];
}

export function readPythonRequirements(files: { path: string; content: string }[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const base = (file.path.split('/').pop() ?? '').toLowerCase();
    const found =
      base === 'pyproject.toml'
        ? pyprojectRequirements(file.content)
        : file.content
            .split(/\r?\n/)
            .map(requirementName)
            .filter((name): name is string => name !== undefined);
    for (const name of found) {
      names.add(normaliseDistribution(name));
      for (const module of importNamesOf(name)) names.add(module);
    }
  }
  return names;
}

/** Every module name a requirement set allows, whatever form its entries came in. */
export function allowedImports(requirements: ReadonlySet<string>): Set<string> {
  const allowed = new Set<string>();
  for (const entry of requirements) {
    allowed.add(entry);
    for (const module of importNamesOf(entry)) allowed.add(module);
  }
  return allowed;
}
