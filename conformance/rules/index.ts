/**
 * The rules, in the order they run. Identities are not shared between rules; the rules that move the
 * backend's clock (`otp`, `links`) come after those that do not, and `schemas` comes last, as it checks
 * every answer the others received.
 */
import type { Rule } from '../rule.js';
import { csrf } from './csrf.js';
import { delegationBeyondRights } from './delegation-beyond-rights.js';
import { idempotency } from './idempotency.js';
import { links } from './links.js';
import { lock } from './lock.js';
import { otp } from './otp.js';
import { schemas } from './schemas.js';
import { uniformAnswers } from './uniform-answers.js';

export const RULES: readonly Rule[] = [uniformAnswers, lock, csrf, idempotency, delegationBeyondRights, otp, links, schemas];

export type RuleId = 'uniform-answers' | 'lock' | 'csrf' | 'idempotency' | 'delegation-beyond-rights' | 'otp' | 'links' | 'schemas';
