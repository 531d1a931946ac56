/**
 * The result of resolving one directive: the value, or the problems found (without a location; the
 * caller knows where the directive stands in the chapter and turns problems into diagnostics).
 */

export interface DirectiveProblem {
  rule: string;
  message: string;
  hint: string;
}

export type Resolution<T> = { ok: true; value: T } | { ok: false; problems: DirectiveProblem[] };

export function fail(rule: string, message: string, hint: string): Resolution<never> {
  return { ok: false, problems: [{ rule, message, hint }] };
}
