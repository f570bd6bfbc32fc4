import type { z } from './zod.js';
import type { FieldErrorCode } from './errors.js';

type Issue = { code: string; path: PropertyKey[]; message: string; minimum?: unknown; maximum?: unknown };

/** Turns zod issues into one code per top-level field: the first failure wins. */
export function issuesToFields(issues: readonly Issue[], input: unknown): Record<string, FieldErrorCode> {
  const fields: Record<string, FieldErrorCode> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (key === '' || key in fields) continue;
    const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
    fields[key] = issueToCode(issue, raw);
  }
  return fields;
}

function issueToCode(issue: Issue, raw: unknown): FieldErrorCode {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return 'required';
  if (issue.message === 'policy') return 'policy';
  if (issue.code === 'too_big') return 'too-long';
  return 'invalid';
}

export type FieldCheck<T> = { success: true; data: T } | { success: false; fields: Record<string, FieldErrorCode> };

/**
 * Parses `values` with a request schema: the parsed data, or one code per refused field. The SDK (before
 * sending) and the mock backend (on receipt) both parse this way.
 */
export function parseFields<S extends z.ZodMiniType>(schema: S, values: unknown): FieldCheck<z.output<S>> {
  const result = schema.safeParse(values);
  return result.success
    ? { success: true, data: result.data }
    : { success: false, fields: issuesToFields(result.error.issues as unknown as Issue[], values) };
}

/**
 * Checks `values` against a request schema and returns the per-field codes (empty when valid).
 * Widgets call this for live validation with the very schema the SDK sends and the mock checks.
 */
export function fieldErrors<S extends z.ZodMiniType>(schema: S, values: unknown): Record<string, FieldErrorCode> {
  const result = parseFields(schema, values);
  return result.success ? {} : result.fields;
}
