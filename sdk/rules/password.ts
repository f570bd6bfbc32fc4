/**
 * The caisse password policy, as data: the guides say "8 characters, 3 of the 4 categories" in one
 * place and "all 4" in another, so each caisse's backend serves its own (`passwordPolicy()`, checked
 * with the `PasswordPolicy` schema). ASVS 6.2.9 wants at least 64 characters accepted; we never
 * truncate nor change case (6.2.8). Pure functions: the checklist of a widget and the schema built by
 * `passwordSchema(policy)` both come from `evaluatePassword()`, so they cannot disagree.
 */
import type { PasswordPolicy } from '../schemas/common.js';

export type { PasswordPolicy };

/** The character categories a policy may count, in display order. */
export const PASSWORD_CATEGORIES = ['upper', 'lower', 'digit', 'special'] as const;
export type PasswordCategory = (typeof PASSWORD_CATEGORIES)[number];

/** The policy when a caisse serves none: 8 to 128 characters, 3 of the 4 categories. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = Object.freeze({
  minLength: 8,
  maxLength: 128,
  minCategories: 3,
  categories: PASSWORD_CATEGORIES,
});

export type PasswordCheckId = 'length' | PasswordCategory | 'categories';

export interface PasswordCheck {
  id: PasswordCheckId;
  ok: boolean;
}

export interface PasswordEvaluation {
  valid: boolean;
  /**
   * One entry per rule, in display order, for a live checklist: `length`, then each category the policy
   * counts (`policy.categories`, in `PASSWORD_CATEGORIES` order), then `categories` (enough of them).
   */
  checks: PasswordCheck[];
  /** How many of the policy's categories the password uses. */
  categories: number;
}

const CATEGORY_TESTS: Readonly<Record<PasswordCategory, RegExp>> = {
  upper: /\p{Lu}/u,
  lower: /\p{Ll}/u,
  digit: /\p{Nd}/u,
  special: /[^\p{L}\p{Nd}]/u,
};

/** Checks `password` against `policy`; lengths count characters (code points), not UTF-16 units. */
export function evaluatePassword(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordEvaluation {
  const length = [...password].length;
  const lengthOk = length >= policy.minLength && length <= policy.maxLength;
  const categoryChecks = PASSWORD_CATEGORIES.filter((id) => policy.categories.includes(id))
    .map((id) => ({ id, ok: CATEGORY_TESTS[id].test(password) }));
  const categories = categoryChecks.filter((c) => c.ok).length;
  const categoriesOk = categories >= policy.minCategories;
  return {
    valid: lengthOk && categoriesOk,
    checks: [{ id: 'length', ok: lengthOk }, ...categoryChecks, { id: 'categories', ok: categoriesOk }],
    categories,
  };
}

export function isPasswordValid(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): boolean {
  return evaluatePassword(password, policy).valid;
}
