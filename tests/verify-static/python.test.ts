import { describe, expect, it } from 'vitest';
import { readPythonRequirements } from '../../src/verify/static/index.ts';
import { extractImports } from '../../src/verify/static/python.ts';
import { findings, fixtureRequirements, statuses } from './support.ts';

describe('python checker', () => {
  const requirements = fixtureRequirements();

  it('accepts a FastAPI app whose imports are stdlib, local or declared', async () => {
    expect(await statuses('python/good/api/main.py', requirements)).toBe('python:passed secrets:passed');
    expect(await statuses('python/good/api/app/settings.py', requirements)).toBe('python:passed secrets:passed');
    expect(await statuses('python/good/api/routing.py', requirements)).toBe('python:passed secrets:passed');
  });

  it('reports an undefined name', async () => {
    expect(await findings('python/bad/undefined-name.py', 'python', requirements)).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/python/bad/undefined-name.py:5:24  error  Local variable \`handle\` is assigned to but never used  [ruff:F841]
        hint: Remove the assignment, or use the variable.
      tests/verify-static/fixtures/python/bad/undefined-name.py:6:26  error  Undefined name \`handel\`  [ruff:F821]
        hint: Define or import the name before it is used (check its spelling)."
    `);
  });

  it('reports an unused import', async () => {
    expect(await findings('python/bad/unused-import.py', 'python', requirements)).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/python/bad/unused-import.py:1:8  error  \`os\` imported but unused  [ruff:F401]
        hint: Remove the import, or use it."
    `);
  });

  it('reports the first syntax error only', async () => {
    expect(await findings('python/bad/syntax-error.py', 'python', requirements)).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/python/bad/syntax-error.py:1:31  error  Syntax error: Expected \`:\`, found newline  [python-syntax]
        hint: The file must parse as Python 3.12."
    `);
  });

  it('reports undeclared third-party imports', async () => {
    expect(await findings('python/bad/undeclared-import.py', 'python', requirements)).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/python/bad/undeclared-import.py:1:8  error  Import "httpx" is not in the Python 3.12 standard library, not a local module of this example, and not declared in the requirements  [python-import]
        hint: Declare the distribution that provides "httpx" in the example's requirements.txt or pyproject.toml.
      tests/verify-static/fixtures/python/bad/undeclared-import.py:2:8  error  Import "requests" is not in the Python 3.12 standard library, not a local module of this example, and not declared in the requirements  [python-import]
        hint: Declare the distribution that provides "requests" in the example's requirements.txt or pyproject.toml.
      tests/verify-static/fixtures/python/bad/undeclared-import.py:3:8  error  Import "yml" is not in the Python 3.12 standard library, not a local module of this example, and not declared in the requirements  [python-import]
        hint: Did you mean "yaml" (declared)? Otherwise declare the distribution that provides "yml" in requirements.txt or pyproject.toml."
    `);
  });

  it('flags the same FastAPI app when nothing is declared', async () => {
    const text = await findings('python/good/api/main.py', 'python', new Set());
    expect(text.match(/\[python-import\]/g)).toHaveLength(6);
  });
});

describe('readPythonRequirements', () => {
  it('maps distributions to the modules they provide', () => {
    const names = readPythonRequirements([
      {
        path: 'snippets/x/requirements.txt',
        content: [
          '# web',
          'PyYAML==6.0.2',
          'python-dotenv',
          'pydantic-settings~=2.6',
          'opentelemetry-exporter-otlp-proto-grpc==1.28.2',
          'dapr-ext-workflow>=0.5',
          'uvicorn[standard]>=0.32 ; python_version >= "3.12"',
          '-r base.txt',
          '--index-url https://pypi.org/simple',
        ].join('\n'),
      },
    ]);
    for (const module of ['yaml', 'dotenv', 'pydantic_settings', 'opentelemetry', 'dapr', 'uvicorn']) expect(names).toContain(module);
    expect(names).not.toContain('base');
    expect(names).not.toContain('--index-url');
  });

  it('reads pyproject.toml dependencies, optional dependencies and Poetry', () => {
    const names = readPythonRequirements([
      {
        path: 'snippets/x/pyproject.toml',
        content: '[project]\nname = "x"\ndependencies = ["fastapi>=0.115", "httpx"]\n[project.optional-dependencies]\ndev = ["pytest>=8"]\n[tool.poetry.dependencies]\npython = "^3.12"\nredis = "^5"\n',
      },
    ]);
    expect([...names].sort()).toEqual(['fastapi', 'httpx', 'pytest', 'redis']);
  });
});

describe('extractImports', () => {
  it('finds absolute imports with their columns, and skips docstrings and relative imports', () => {
    const source = ['"""', 'import not_code', '"""', 'import os, json as j', 'from a.b import c', 'from . import d', '    import lazy  # inside a function'].join('\n');
    expect(extractImports(source)).toEqual([
      { module: 'os', line: 4, column: 8 },
      { module: 'json', line: 4, column: 12 },
      { module: 'a.b', line: 5, column: 6 },
      { module: 'lazy', line: 7, column: 12 },
    ]);
  });
});
