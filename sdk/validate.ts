import type { z } from './zod.js';
import { toFieldErrorCode, type FieldErrorCode } from './errors.js';

type Issue = { code: string; path: PropertyKey[]; message: string; errors?: Issue[][] };

/**
 * Turns zod issues into one code per field, named by its dotted path: the first failure wins. A union refused as a
 * whole (its issue has no path) names the fields of its branch that matches best: the one the input
 * aimed at, i.e. that lacks the fewest fields; on a tie, those of every tied branch.
 */
export function issuesToFields(issues: readonly Issue[], input: unknown): Record<string, FieldErrorCode> {
  const fields: Record<string, FieldErrorCode> = {};
  for (const issue of issues) {
    if (issue.path.length === 0 && issue.errors) {
      for (const [key, code] of Object.entries(bestBranch(issue.errors, input))) fields[key] ??= code;
      continue;
    }
    // A nested field is named by its path (`address.city`, `items.0.name`): the form shows it there.
    const key = issue.path.map(String).join('.');
    const raw = issue.path.reduce<unknown>(
      (value, step) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[step] : undefined),
      input,
    );
    if (key !== '' && !(key in fields)) fields[key] = issueToCode(issue, raw);
  }
  return fields;
}

function bestBranch(branches: readonly Issue[][], input: unknown): Record<string, FieldErrorCode> {
  let best: Record<string, FieldErrorCode> = {};
  let fewest = Infinity;
  for (const branch of branches) {
    const fields = issuesToFields(branch, input);
    const missing = Object.values(fields).filter((code) => code === 'required').length;
    if (missing < fewest) [best, fewest] = [fields, missing];
    else if (missing === fewest) best = { ...fields, ...best };
  }
  return best;
}

function issueToCode(issue: Issue, raw: unknown): FieldErrorCode {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return 'required';
  // A refine names its field code in its message (`policy`, `not-mobile`…); one without reads `invalid`.
  if (issue.code === 'custom') return toFieldErrorCode(issue.message);
  if (issue.code === 'too_big') return 'too-long';
  return 'invalid';
}

export type FieldCheck<T> = { success: true; data: T } | { success: false; fields: Record<string, FieldErrorCode> };

/**
 * Parses `values` with a request schema: the parsed data, or one code per refused field. The SDK (before
 * sending) and the mock backend (on receipt) both parse this way. Input that is not even an object names
 * the fields an empty object lacks, so that a refusal names a field (a cross-field rule must give its
 * `path` for the same reason).
 */
export function parseFields<S extends z.ZodMiniType>(schema: S, values: unknown): FieldCheck<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const refused = (error: z.core.$ZodError | undefined, input: unknown) => issuesToFields((error?.issues ?? []) as unknown as Issue[], input);
  const fields = refused(result.error, values);
  const named = Object.keys(fields).length > 0 || (typeof values === 'object' && values !== null);
  return { success: false, fields: named ? fields : refused(schema.safeParse({}).error, {}) };
}

/**
 * Checks `values` against a request schema and returns the per-field codes (empty when valid).
 * Widgets call this for live validation with the very schema the SDK sends and the mock checks.
 */
export function fieldErrors<S extends z.ZodMiniType>(schema: S, values: unknown): Record<string, FieldErrorCode> {
  const result = parseFields(schema, values);
  return result.success ? {} : result.fields;
}
