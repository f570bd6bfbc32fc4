/**
 * The HTTP mock's seed file (`--seed FILE`): logins added to the seeded data on every start and reset,
 * so that a team can sign in with its own test identities. Only company and accounting-firm logins: a
 * worker's login needs a caisse's worker record and a certified mobile, which the seed does not model.
 */
import { readFile } from 'node:fs/promises';
import { Email } from '../sdk/schemas/common.js';
import { AccessModeSchema, CollegeSchema, RightFunctionSchema } from '../sdk/schemas/tiers.js';
import { z } from '../sdk/zod.js';
import { normaliseEmail, type MockAccount, type MockDb } from './db.js';
import { LIMITS } from './state.js';

const MAX_TEXT = 200;
const Text = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEXT));

const SeedAccount = z.strictObject({
  email: Email,
  password: z.string().check(z.minLength(1), z.maxLength(128)),
  firstName: Text,
  lastName: Text,
  /** `entreprise` (default) or `cabinet` (an accounting firm acting for its members). */
  kind: z.optional(z.enum(['entreprise', 'cabinet'])),
  /** The identifiants CIBTP of seeded sites the login acts for, in display order. */
  tiers: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))).check(z.minLength(1), z.maxLength(1_000)),
  /** Default true: everything on each of its tiers. False: only `functions`, for `colleges`. */
  administrator: z.optional(z.boolean()),
  functions: z.optional(z.partialRecord(RightFunctionSchema, AccessModeSchema)),
  colleges: z.optional(z.array(CollegeSchema).check(z.minLength(1), z.maxLength(3))),
});

export const MockSeedSchema = z.strictObject({
  accounts: z.optional(z.array(SeedAccount).check(z.maxLength(1_000))),
});

export type MockSeed = z.input<typeof MockSeedSchema>;

/** A seed that cannot be used, with the path of the field at fault (`accounts[0].tiers[1]`). */
export class SeedError extends Error {
  override readonly name = 'SeedError';
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
    default:
      return 'invalid';
  }
}

/** Every issue as `path: what is wrong`, joined (for seed files and control endpoints). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${pathOf(issue.path)}: ${explain(issue)}`).join('; ');
}

/** Checks a seed's shape; throws a `SeedError` naming every bad field. */
export function parseSeed(value: unknown): z.output<typeof MockSeedSchema> {
  const parsed = MockSeedSchema.safeParse(value);
  if (!parsed.success) throw new SeedError(`invalid seed: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** Reads and checks a seed file (JSON). */
export async function readSeedFile(file: string): Promise<z.output<typeof MockSeedSchema>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`the seed file ${file} is not JSON: ${(error as Error).message}`);
  }
  return parseSeed(json);
}

/**
 * Adds the seed's logins to `db` (just seeded at `now`). Throws a `SeedError` when a login's email is
 * already taken or a tiers is not a seeded site: checked here, as only the data knows.
 */
export function applySeed(db: MockDb, seed: z.output<typeof MockSeedSchema>, now: Date): void {
  const accounts: MockAccount[] = [];
  (seed.accounts ?? []).forEach((entry, index) => {
    const email = normaliseEmail(entry.email);
    if (db.accounts.some((a) => a.email === email) || accounts.some((a) => a.email === email)) {
      throw new SeedError(`invalid seed: accounts[${index}].email: ${email} is already a login`);
    }
    const siteIds = entry.tiers.map((identifiant, t) => {
      const site = db.sites.find((s) => s.identifiantCibtp === identifiant);
      if (!site) throw new SeedError(`invalid seed: accounts[${index}].tiers[${t}]: no seeded site has the identifiant CIBTP ${identifiant}`);
      return site.id;
    });
    const account: MockAccount = {
      id: `u-seed-${index + 1}`,
      email,
      password: entry.password,
      firstName: entry.firstName,
      lastName: entry.lastName,
      kind: entry.kind ?? 'entreprise',
      siteIds,
      usage: {},
      mobile: null,
      fixedPhone: null,
      secret: null,
      activated: true,
      emailCertifiedUntil: new Date(now.getTime() + LIMITS.certificationValidity),
    };
    if (entry.administrator === false) {
      account.defaultRights = { administrator: false, colleges: entry.colleges ?? ['ouvrier', 'etam', 'cadre'], functions: entry.functions ?? {} };
    }
    accounts.push(account);
  });
  db.accounts.push(...accounts);
}
