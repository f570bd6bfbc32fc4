/**
 * The caisse password policy, as data: the guides say "8 characters, 3 of the 4 categories" in one
 * place and "all 4" in another, so a caisse configures it. ASVS 6.2.9 wants at least 64 characters
 * accepted; we never truncate nor change case (6.2.8).
 */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many of the four categories (upper, lower, digit, special) are required. */
  minCategories: 1 | 2 | 3 | 4;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = Object.freeze({
  minLength: 8,
  maxLength: 128,
  minCategories: 3,
});

export type PasswordCheckId = 'length' | 'upper' | 'lower' | 'digit' | 'special' | 'categories';

export interface PasswordCheck {
  id: PasswordCheckId;
  ok: boolean;
}

export interface PasswordEvaluation {
  valid: boolean;
  /** One entry per rule, in display order, for a live checklist. */
  checks: PasswordCheck[];
  categories: number;
}

const CATEGORY_TESTS: ReadonlyArray<[PasswordCheckId, RegExp]> = [
  ['upper', /\p{Lu}/u],
  ['lower', /\p{Ll}/u],
  ['digit', /\p{Nd}/u],
  ['special', /[^\p{L}\p{Nd}]/u],
];

export function evaluatePassword(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordEvaluation {
  const length = [...password].length;
  const lengthOk = length >= policy.minLength && length <= policy.maxLength;
  const categoryChecks = CATEGORY_TESTS.map(([id, re]) => ({ id, ok: re.test(password) }));
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
