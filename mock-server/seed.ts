/**
 * The HTTP mock's seed file (`--seed FILE`): logins added to the seeded data on every start and reset,
 * so that a team can sign in with its own test identities. Only company and accounting-firm logins: a
 * worker's login needs a caisse's worker record and a certified mobile, which the seed does not model.
 */
import { Email } from '../sdk/schemas/common.js';
import { AccessModeSchema, CollegeSchema, RightFunctionSchema } from '../sdk/schemas/tiers.js';
import { z } from '../sdk/zod.js';
import { normaliseEmail, type MockAccount, type MockDb } from './db.js';
import { describeIssues, readJsonFile } from './json-file.js';
import { LIMITS } from './state.js';

export { describeIssues } from './json-file.js';

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

/** Checks a seed's shape; throws a `SeedError` naming every bad field. */
export function parseSeed(value: unknown): z.output<typeof MockSeedSchema> {
  const parsed = MockSeedSchema.safeParse(value);
  if (!parsed.success) throw new SeedError(`invalid seed: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** Reads and checks a seed file (JSON). */
export async function readSeedFile(file: string): Promise<z.output<typeof MockSeedSchema>> {
  return parseSeed(await readJsonFile(file, 'the seed file', (message) => new SeedError(message)));
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
