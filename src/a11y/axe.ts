/**
 * axe-core in a Playwright page: injects the installed `axe.min.js` (never a download), runs it on the
 * page or on part of it, and returns the serious and critical violations as one line each.
 *
 *   const found = await seriousViolations(page, { label: 'index.html' });
 *   // → [{ rule: 'color-contrast', impact: 'serious', target: '.chapter-kicker', page: 'index.html',
 *   //      help: 'Elements must meet minimum color contrast ratio thresholds' }]
 *   formatViolation(found[0])  // → 'index.html: color-contrast (serious) at .chapter-kicker — Elements must …'
 *
 * `known` lists violations that come from third-party code we do not control, each with its reason; they
 * are left out of the result (the default list is `KNOWN_UPSTREAM`).
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface Violation {
  rule: string;
  impact: string;
  target: string;
  page: string;
  help: string;
}

export interface KnownViolation {
  rule: string;
  /** The axe target selector, exactly as axe reports it. */
  target: string;
  reason: string;
}

/** Violations of Starlight's own markup, not of the book's. */
export const KNOWN_UPSTREAM: readonly KnownViolation[] = [
  {
    rule: 'label-content-name-mismatch',
    target: 'button[data-open-modal=""]',
    reason: 'Starlight\'s search button is named "Search" while it also shows the keycap hint "Ctrl K" (upstream markup).',
  },
];

export interface AxeOptions {
  /** How the page is named in a report, e.g. `53-kubernetes/index.html` or `deck 53-kubernetes slide 1`. */
  label: string;
  /** CSS selector of the part to check; the whole document when absent. */
  include?: string | undefined;
  known?: readonly KnownViolation[] | undefined;
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SEVERE = new Set(['serious', 'critical']);

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

export async function seriousViolations(page: Page, options: AxeOptions): Promise<Violation[]> {
  const present = await page.evaluate('typeof window.axe === "object"');
  if (!present) await page.addScriptTag({ path: AXE_SOURCE });
  const context = JSON.stringify(options.include ?? null);
  // A string, not a function: the test runner would rewrite a function's body for Node.
  const result = (await page.evaluate(`(async () => {
    const context = ${context};
    return window.axe.run(context === null ? document : { include: [context] }, { resultTypes: ['violations'] });
  })()`)) as AxeResult;
  const known = options.known ?? KNOWN_UPSTREAM;
  const found: Violation[] = [];
  for (const violation of result.violations) {
    if (!SEVERE.has(violation.impact ?? '')) continue;
    for (const node of violation.nodes) {
      const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' ');
      if (known.some((k) => k.rule === violation.id && k.target === target)) continue;
      found.push({ rule: violation.id, impact: violation.impact ?? 'unknown', target, page: options.label, help: violation.help });
    }
  }
  return found;
}

export function formatViolation(v: Violation): string {
  return `${v.page}: ${v.rule} (${v.impact}) at ${v.target} — ${v.help}`;
}
