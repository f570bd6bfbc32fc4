/**
 * A JSON file a person wrote (the HTTP mock's seed file, the conformance suite's accounts file): read,
 * and what is wrong with it said field by field, in words.
 */
import { readFile } from 'node:fs/promises';
import type { z } from '../sdk/zod.js';

/** The file's JSON; `fail(message)` makes the error thrown when it cannot be read or is not JSON. */
export async function readJsonFile(file: string, what: string, fail: (message: string) => Error): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw fail(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${String(key)}`), '') || '(root)';
}

/** What is wrong, in words (zod/mini carries no messages of its own: they would weigh on the browser bundle). */
function explain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `at least ${String(issue.minimum)} characters` : `at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'items' : ''}`.trim();
    case 'too_big':
      return issue.origin === 'string' ? `at most ${String(issue.maximum)} characters` : `at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : ''}`.trim();
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_key':
      return 'unknown key';
    case 'invalid_union':
      return 'not one of the accepted values';
    case 'custom':
      return issue.message || 'invalid';
    default:
      return 'invalid';
  }
}

/** Every issue as `path: what is wrong`, joined. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], separator = '; '): string {
  return issues.map((issue) => `${pathOf(issue.path)}: ${explain(issue)}`).join(separator);
}
