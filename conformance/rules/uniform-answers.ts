/**
 * `uniform-answers`: each operation of `UNIFORM_ANSWERS` answers a known and an unknown identity alike,
 * in status, headers and body (`../compare.ts` says what is set aside). Each identity is a new visitor,
 * so that neither answer depends on the other's cookies.
 */
import { createHash } from 'node:crypto';
import { UNIFORM_ANSWERS } from '../../sdk/contract.js';
import type { OperationInput } from '../../sdk/operations.js';
import type { Accounts } from '../accounts.js';
import { differences, summary } from '../compare.js';
import { codeOf, describe } from '../http.js';
import { Findings, signIn, skipped, type Rule, type RuleContext } from '../rule.js';

type UniformOperation = (typeof UNIFORM_ANSWERS)[number];

interface Pair<N extends UniformOperation> {
  known: OperationInput<N>;
  unknown: OperationInput<N>;
}

/** An email no backend holds (`example.com` is reserved, RFC 2606), new at each call. */
export function unknownEmail(ctx: RuleContext): string {
  return `conformance-${ctx.unique()}@example.com`;
}

function digest(seed: string): string {
  return createHash('sha256').update(`cibtp-conformance:${seed}`).digest('hex');
}

/**
 * The unknown twin of a known identity: the same at every run, so that both have the same history on a
 * backend that is not reset between runs (both failed as often, both locked alike).
 */
export function unknownTwinEmail(known: string): string {
  return `conformance-${digest(known).slice(0, 24)}@example.com`;
}

/** The unknown twin of an identifiant CIBTP: as long as it, all digits, most likely held by no one. */
export function unknownTwinIdentifiant(known: string): string {
  const digits = `9${BigInt(`0x${digest(known)}`).toString()}`;
  return digits.slice(0, Math.max(6, Math.min(14, known.length)));
}

/** A civil status that matches no worker of a caisse (a valid one: the schema must accept it). */
const NOBODY = {
  birthName: 'CONFORMITE', firstNames: 'Aucun', birthCountry: 'PT', birthDate: '1970-01-01', sex: 'F',
} as const;

interface Case<N extends UniformOperation> {
  needs: keyof Accounts;
  /** Puts the known identity in a known state; a string says why it could not. */
  before?: (ctx: RuleContext, accounts: Accounts) => Promise<string | null>;
  pair(ctx: RuleContext, accounts: Accounts): Pair<N>;
}

/**
 * The known identity fails (a wrong password, code or civil status) or is asked something harmless; the
 * unknown one is new at each run, or its twin when a failure on the known one is never cleared.
 * One case per operation of the contract: a new entry in `UNIFORM_ANSWERS` without its case here is a
 * type error. A case needs one section of the accounts file; without it the operation is skipped.
 */
const CASES: { [N in UniformOperation]: Case<N> } = {
  login: {
    needs: 'login',
    // A success first clears the login's earlier failures: both identities then have none behind them.
    before: async (ctx, { login }) => signIn(ctx.visitor('login (known, signing in)'), login!),
    pair: (ctx, { login }) => {
      const password = `Faux-${ctx.unique().slice(0, 8)}!`;
      return { known: { email: login!.email, password }, unknown: { email: unknownEmail(ctx), password } };
    },
  },
  forgotPassword: {
    needs: 'login',
    pair: (ctx, { login }) => ({ known: { email: login!.email }, unknown: { email: unknownEmail(ctx) } }),
  },
  identifyCompany: {
    needs: 'company',
    pair: (ctx, { company }) => {
      // A wrong code for a real site: only the code is wrong, as a person mistyping it would do.
      const confidentialCode = String(10_000_000 + (parseInt(ctx.unique().slice(0, 8), 16) % 90_000_000));
      const base = { purpose: 'signup' as const, siret: company!.siret, confidentialCode };
      return { known: { ...base, identifiantCibtp: company!.identifiantCibtp }, unknown: { ...base, identifiantCibtp: unknownTwinIdentifiant(company!.identifiantCibtp) } };
    },
  },
  identifyWorker: {
    needs: 'worker',
    pair: (_ctx, { worker }) => ({
      known: { identifiantCibtp: worker!.identifiantCibtp, civilStatus: { ...NOBODY } },
      unknown: { identifiantCibtp: unknownTwinIdentifiant(worker!.identifiantCibtp), civilStatus: { ...NOBODY } },
    }),
  },
  requestConfidentialCode: {
    needs: 'lostCode',
    pair: (_ctx, { lostCode }) => ({
      known: { identifiantCibtp: lostCode!.identifiantCibtp },
      unknown: { identifiantCibtp: unknownTwinIdentifiant(lostCode!.identifiantCibtp) },
    }),
  },
  resendActivation: {
    needs: 'activation',
    pair: (ctx, { activation }) => ({ known: { email: activation!.email }, unknown: { email: unknownEmail(ctx) } }),
  },
  renewCertification: {
    needs: 'login',
    pair: (ctx, { login }) => ({ known: { email: login!.email }, unknown: { email: unknownEmail(ctx) } }),
  },
};

export const uniformAnswers: Rule = {
  id: 'uniform-answers',
  title: 'Login, forgotten password, signup step 1 and lost code answer known and unknown identities alike',
  async run(ctx) {
    const findings = new Findings();
    const missed: string[] = [];
    for (const name of UNIFORM_ANSWERS) {
      const { needs, before, pair } = CASES[name] as Case<UniformOperation>;
      if (ctx.accounts[needs] === undefined) {
        missed.push(`${name}: skipped, the accounts file has no \`${needs}\``);
        continue;
      }
      const failure = await before?.(ctx, ctx.accounts);
      if (failure) {
        findings.fail(`${name}: ${failure}`);
        continue;
      }
      const { known, unknown } = pair(ctx, ctx.accounts);
      const a = await ctx.visitor(`${name} (known)`).invoke(name, known);
      const b = await ctx.visitor(`${name} (unknown)`).invoke(name, unknown);
      if (a.status === 400 && codeOf(a) === 'validation') {
        findings.fail(`${name}: the backend refused an input its schema accepts: ${describe(a)} ${a.text}`);
        continue;
      }
      const diffs = differences(a, b);
      if (diffs.length === 0) findings.note(`${name}: known and unknown both → ${a.status}${codeOf(a) ? ` ${codeOf(a)}` : ''}`);
      else findings.fail(`${name}: known → ${a.status}, unknown → ${b.status}; ${summary(diffs)}`);
    }
    // Some operations not checked: not a pass (nor a failure when the others were alike).
    if (findings.failed) return { status: 'failed', evidence: [...findings.evidence, ...missed] };
    return missed.length > 0 ? skipped(...findings.evidence, ...missed) : findings.outcome();
  },
};
