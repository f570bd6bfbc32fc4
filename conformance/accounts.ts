/**
 * The accounts file (`--accounts FILE`): the test identities a caisse's backend holds, and the test hooks
 * of its environment (outbox, clock). Every section is optional: a rule whose identity or hook is missing
 * is reported as skipped, with the reason. Checked with a strict schema, so that a typo is an error, not
 * a section silently ignored.
 */
import { CurrentPassword, Email, IdentifiantCibtp, NewPassword } from '../sdk/schemas/common.js';
import { Siret } from '../sdk/schemas/signup.js';
import { z } from '../sdk/zod.js';
import { describeIssues, readJsonFile } from '../mock-server/json-file.js';

const HttpUrl = /* @__PURE__ */ z.string().check(z.maxLength(2_000), z.refine((value) => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}, { message: 'an http(s) URL' }));
const Ms = /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(366 * 86_400_000));
const Id = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(128));

const Credentials = z.strictObject({ email: Email, password: CurrentPassword });

export const AccountsFile = z.strictObject({
  /** `GET` answers the messages "sent" so far, as the mock's `OutboxMessage[]` (oldest first). */
  outbox: z.optional(HttpUrl),
  /** `GET` answers `{ now }`; `POST { advance: ms }` moves the backend's clock forward. */
  clock: z.optional(HttpUrl),
  /** Signs in with one tiers, which it administers: CSRF, idempotency, the schemas' sweep, and the known
   * identity of `login` and `forgotPassword`. */
  login: z.optional(Credentials),
  /** May be locked by repeated wrong passwords (not used by any other rule). */
  lockable: z.optional(Credentials),
  /** Receives a one-time code by SMS at each login. */
  otp: z.optional(Credentials),
  /** May have its password reset, to `newPassword` (which the backend's policy must accept). */
  reset: z.optional(z.strictObject({ email: Email, newPassword: NewPassword })),
  /** Waits for activation: its activation link is sent again and followed. */
  activation: z.optional(z.strictObject({ email: Email })),
  /** A site without a space yet: step 1 of the company signup with a wrong confidential code. */
  company: z.optional(z.strictObject({ identifiantCibtp: IdentifiantCibtp, siret: Siret })),
  /** A worker of the caisse: step 1 of the worker signup with a wrong civil status. */
  worker: z.optional(z.strictObject({ identifiantCibtp: IdentifiantCibtp })),
  /** A site whose confidential code may be sent again by post (a new code replaces the old one). */
  lostCode: z.optional(z.strictObject({ identifiantCibtp: IdentifiantCibtp })),
  /** A login that manages the delegations of `tiersId` with limited rights (an accounting firm, say). */
  delegator: z.optional(z.strictObject({ email: Email, password: CurrentPassword, tiersId: Id })),
  /**
   * How long links live, in ms (default: the portal's documented 30 minutes for a reset link and 48
   * hours for an activation link): the suite moves the clock just past them.
   */
  linkTtl: z.optional(z.strictObject({ reset: z.optional(Ms), activation: z.optional(Ms) })),
});
export type Accounts = z.infer<typeof AccountsFile>;

/** The portal's documented link lifetimes (mock-server/README.md, "Links"). */
export const DEFAULT_LINK_TTL = Object.freeze({ reset: 30 * 60_000, activation: 48 * 3_600_000 });

/** A bad accounts file: the message names the file and each refused field. */
export class AccountsError extends Error {
  override readonly name = 'AccountsError';
}

/** Checks parsed JSON as an accounts file; throws an `AccountsError` naming each refused field. */
export function parseAccounts(value: unknown, source = 'accounts'): Accounts {
  const result = AccountsFile.safeParse(value);
  if (result.success) return result.data;
  throw new AccountsError(`${source} is not a valid accounts file:\n  ${describeIssues(result.error.issues, '\n  ')}`);
}

/** Reads and checks an accounts file. */
export async function loadAccounts(file: string): Promise<Accounts> {
  return parseAccounts(await readJsonFile(file, 'the accounts file', (message) => new AccountsError(message)), file);
}
