import { describe, expect, it } from 'vitest';
import { findings, statuses } from './support.ts';

describe('json, yaml and toml checkers', () => {
  it('accepts good files', async () => {
    expect(await statuses('data/good/config.json')).toBe('json:passed secrets:passed');
    expect(await statuses('data/good/settings.yaml')).toBe('yaml:passed secrets:passed');
    expect(await statuses('data/good/pyproject.toml')).toBe('toml:passed secrets:passed');
  });

  it('reports a trailing comma in JSON', async () => {
    expect(await findings('data/bad/config.json', 'json')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/data/bad/config.json:4:1  error  Invalid JSON: Expected double-quoted property name  [json-syntax]
        hint: JSON allows no comments, no trailing commas and only double-quoted strings."
    `);
  });

  it('reports bad YAML indentation once per line', async () => {
    expect(await findings('data/bad/indent.yaml', 'yaml')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/data/bad/indent.yaml:2:9  error  Invalid YAML: Nested mappings are not allowed in compact mappings  [yaml-syntax]
        hint: Check indentation (spaces only), quoting and the ": " after keys."
    `);
  });

  it('reports duplicate YAML keys', async () => {
    expect(await findings('data/bad/values.yaml', 'yaml')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/data/bad/values.yaml:4:1  error  Invalid YAML: Map keys must be unique  [yaml-duplicate-key]
        hint: Remove or rename one of the two keys."
    `);
  });

  it('reports an unclosed TOML array', async () => {
    expect(await findings('data/bad/pyproject.toml', 'toml')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/data/bad/pyproject.toml:6:1  error  Invalid TOML: expected comma or end of structure  [toml-syntax]
        hint: See https://toml.io for the syntax (strings are quoted, arrays close with "]")."
    `);
  });
});
