/**
 * Browser-free syntax check of Mermaid text with the real Mermaid parser, in Node.
 *
 *   await validateMermaid('flowchart TD\n  A --> B')        → null
 *   await validateMermaid('flowchart TD\n  A --> --> B')    → { line: 2, message: "Parse error on line 2: Expecting …, got 'LINK'" }
 *
 * `line` is 1-based within the given text. Mermaid sets up DOMPurify when it is first imported and needs a
 * DOM for that, so a jsdom window/document is installed as globals just for the import and removed again
 * (no lasting global pollution). First call ~0.4 s (import), then a few ms to a few tens of ms per diagram.
 */
import type { Mermaid } from 'mermaid';
import { parseMermaidError } from './mermaid-errors.ts';

export interface MermaidSyntaxError {
  line: number;
  message: string;
}

interface JsdomModule {
  JSDOM: new (html: string) => { window: { document: unknown } };
}

let loading: Promise<Mermaid> | undefined;

async function importWithDom(): Promise<Mermaid> {
  // jsdom ships no type declarations; a non-literal specifier keeps TypeScript from looking for them.
  const jsdomSpecifier: string = 'jsdom';
  const { JSDOM } = (await import(jsdomSpecifier)) as JsdomModule;
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const globals = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of ['window', 'document']) saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  globals['window'] = dom.window;
  globals['document'] = dom.window.document;
  try {
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return mermaid;
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete globals[name];
    }
  }
}

function loadMermaid(): Promise<Mermaid> {
  loading ??= importWithDom();
  return loading;
}

export async function validateMermaid(source: string): Promise<MermaidSyntaxError | null> {
  const mermaid = await loadMermaid();
  try {
    await mermaid.parse(source);
    return null;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const loc = (error as { hash?: { loc?: { first_line?: unknown } } } | null)?.hash?.loc?.first_line;
    const position = parseMermaidError(raw, typeof loc === 'number' ? loc : null);
    return { line: position.line, message: position.message };
  }
}
