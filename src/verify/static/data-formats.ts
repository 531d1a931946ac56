/**
 * Syntax of data files, with line and column: `json` (`.json`), `yaml` (`.yaml`/`.yml`, every document,
 * duplicate keys included; Helm templates excluded) and `toml` (`.toml`).
 *
 *   await jsonChecker.check('snippets/x/config.json', '{"a": 1,}', context)
 *   // → { diagnostics: [{ line: 1, column: 9, rule: 'json-syntax', message: 'Expected double-quoted property name' }] }
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { diagnostic } from '../../core/diagnostics.ts';
import { extensionOf, isHelmTemplate, isYamlPath } from './paths.ts';
import type { StaticChecker } from './types.ts';
import { parseYamlSource } from './yaml-source.ts';

/** 1-based line/column of a character offset. */
function positionAt(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, Math.max(0, Math.min(offset, content.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

export const jsonChecker: StaticChecker = {
  name: 'json',
  applies: (path) => extensionOf(path) === 'json',
  async check(path, content) {
    try {
      JSON.parse(content);
      return { diagnostics: [] };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = /\(line (\d+) column (\d+)\)/.exec(message);
      const offset = /at position (\d+)/.exec(message);
      const place = at ? { line: Number(at[1]), column: Number(at[2]) } : positionAt(content, offset ? Number(offset[1]) : content.length);
      const text = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'Unexpected end of input');
      return {
        diagnostics: [
          diagnostic({ file: path, ...place, rule: 'json-syntax', message: `Invalid JSON: ${text}`, hint: 'JSON allows no comments, no trailing commas and only double-quoted strings.' }),
        ],
      };
    }
  },
};

export const yamlChecker: StaticChecker = {
  name: 'yaml',
  applies: (path, content) => isYamlPath(path) && !isHelmTemplate(path, content),
  async check(path, content) {
    const source = parseYamlSource(content);
    // One error per line: the parser often reports a cascade at the same place.
    const errors = source.errors.filter((error, index) => source.errors.findIndex((other) => other.line === error.line) === index);
    return {
      diagnostics: errors.map((error) =>
        diagnostic({
          file: path,
          line: error.line,
          column: error.column,
          rule: error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax',
          message: `Invalid YAML: ${error.message}`,
          hint: error.code === 'DUPLICATE_KEY' ? 'Remove or rename one of the two keys.' : 'Check indentation (spaces only), quoting and the ": " after keys.',
        }),
      ),
    };
  },
};

export const tomlChecker: StaticChecker = {
  name: 'toml',
  applies: (path) => extensionOf(path) === 'toml',
  async check(path, content) {
    try {
      parseToml(content);
      return { diagnostics: [] };
    } catch (error) {
      if (!(error instanceof TomlError)) throw error;
      const message = (error.message.split('\n')[0] ?? error.message).replace(/^Invalid TOML document:\s*/, '');
      return {
        diagnostics: [
          diagnostic({ file: path, line: error.line, column: error.column, rule: 'toml-syntax', message: `Invalid TOML: ${message}`, hint: 'See https://toml.io for the syntax (strings are quoted, arrays close with "]").' }),
        ],
      };
    }
  },
};
