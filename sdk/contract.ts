/**
 * What the portal API promises beyond each operation's own schemas: the rules a caisse's backend must
 * follow that a schema cannot say. Read by the OpenAPI generator (`scripts/openapi.ts`) and by the
 * conformance suite (`conformance/`); never imported by a widget, so it costs no page a byte.
 */
import { operations, type OperationName } from './operations.js';
import type { ServerErrorCode } from './schemas/error.js';

/**
 * Operations that must not reveal whether an account (or a record) exists: for a known and an unknown
 * identity they answer alike, in status, headers and body (docs/SECURITY.md, "enumeration").
 */
export const UNIFORM_ANSWERS = [
  'login',
  'forgotPassword',
  'identifyCompany',
  'identifyWorker',
  'requestConfidentialCode',
  'resendActivation',
  'renewCertification',
] as const satisfies readonly OperationName[];

export type UniformAnswer = (typeof UNIFORM_ANSWERS)[number];

/**
 * Who may call an operation (any of those listed):
 * - `public`: anyone, no session needed;
 * - `session`: a signed-in session (the session cookie);
 * - `pending-tiers`: a login that passed its password and still has to choose its tiers (same cookie);
 * - `link-token`: whoever holds the token of a link sent by email (in the body, never in the URL);
 * - `challenge`: whoever holds the id of a one-time-code challenge the backend gave (in the body);
 * - `ticket`: whoever holds the ticket of a signup step 1 or of a FranceConnect return (in the body).
 */
export type Access = 'public' | 'session' | 'pending-tiers' | 'link-token' | 'challenge' | 'ticket';

/** The domains of the SDK (`sdk/<domain>/`), the tags of the OpenAPI document. */
export type Domain = 'auth' | 'signup' | 'tiers' | 'rights';

/** A success with a JSON body (200, 202), an empty one (204), or a file (200, `Content-Disposition`). */
export type SuccessStatus = 200 | 202 | 204 | 'file';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 422 | 423 | 429 | 500 | 503;

/** The error answers of an operation: status → the codes it may carry. */
export type ErrorAnswers = Partial<Record<ErrorStatus, readonly ServerErrorCode[]>>;

export interface OperationContract<Uniform extends boolean = boolean> {
  /** One line, in English: what the operation does. */
  summary: string;
  tag: Domain;
  access: readonly [Access, ...Access[]];
  success: SuccessStatus;
  /**
   * The operation's own error answers. Those every operation of its kind gives are not repeated here
   * (`errorAnswers()` adds them): 400 `validation` when it takes an input, 401 `session-expired` when
   * it needs a session, 403 `csrf` on a write, 500 and 503 `server` everywhere.
   */
  errors: ErrorAnswers;
  /** In `UNIFORM_ANSWERS`: the same answer whether the account (or record) exists or not. */
  uniform: Uniform;
}

/** Every operation's contract. Typed by `OperationName`: a new operation without its entry fails typecheck. */
export type Contract = { readonly [N in OperationName]: OperationContract<N extends UniformAnswer ? true : false> };

const LINK = { 404: ['link-invalid'], 410: ['link-expired'] } as const;
const TICKET = { 410: ['link-expired'] } as const;
const NOT_USABLE = ['account-not-activated', 'email-certification-expired'] as const;

export const CONTRACT: Contract = {
  csrf: {
    summary: 'The CSRF token every write carries in X-CSRF-Token; it changes with the session.',
    tag: 'auth', access: ['public'], success: 200, errors: {}, uniform: false,
  },
  login: {
    summary: 'Signs in with email and password: signed in, a tiers to choose, or a one-time code sent.',
    tag: 'auth', access: ['public'], success: 200, uniform: true,
    // 403: only after the right password, so that it says nothing to someone guessing.
    errors: { 401: ['invalid-credentials'], 403: [...NOT_USABLE, 'forbidden'], 423: ['account-locked'] },
  },
  verifyOtp: {
    summary: 'Checks the one-time code of a login challenge; answers like login.',
    tag: 'auth', access: ['challenge'], success: 200, errors: { 401: ['otp-invalid'], 403: ['forbidden'], 410: ['otp-expired'] }, uniform: false,
  },
  resendOtp: {
    summary: 'Sends a new one-time code for a login challenge (limited in number and pace).',
    tag: 'auth', access: ['challenge'], success: 200, errors: { 410: ['otp-expired'], 429: ['rate-limited'] }, uniform: false,
  },
  selectTiers: {
    summary: 'Chooses the tiers to act for, after login or from a running session; returns the new session.',
    tag: 'auth', access: ['pending-tiers', 'session'], success: 200, errors: { 403: ['forbidden'] }, uniform: false,
  },
  logout: {
    summary: 'Ends the session.',
    // Harmless without a session: it then ends nothing, and answers the same.
    tag: 'auth', access: ['public'], success: 204, errors: {}, uniform: false,
  },
  currentSession: {
    summary: 'The server\'s view of the session (null when signed out); extends a running session.',
    tag: 'auth', access: ['public'], success: 200, errors: { 401: ['session-expired'] }, uniform: false,
  },
  forgotPassword: {
    summary: 'Asks for a password reset link by email; always accepted.',
    tag: 'auth', access: ['public'], success: 202, errors: {}, uniform: true,
  },
  passwordPolicy: {
    summary: 'The caisse\'s password policy, as its backend enforces it.',
    tag: 'auth', access: ['public'], success: 200, errors: {}, uniform: false,
  },
  resetPassword: {
    summary: 'Sets a new password with the token of a reset link; no sign-in follows.',
    tag: 'auth', access: ['link-token'], success: 204, errors: { ...LINK }, uniform: false,
  },
  requestConfidentialCode: {
    summary: 'Asks for the confidential code letter of a site; always accepted.',
    tag: 'auth', access: ['public'], success: 202, errors: {}, uniform: true,
  },
  activateAccount: {
    summary: 'Follows an activation or certification link: activates the account and certifies its email.',
    tag: 'auth', access: ['link-token'], success: 200, errors: { ...LINK }, uniform: false,
  },
  resendActivation: {
    summary: 'Sends a new activation link, from an expired link or an email address; always accepted.',
    tag: 'auth', access: ['public'], success: 202, errors: {}, uniform: true,
  },
  renewCertification: {
    summary: 'Sends a link to renew the email certification; always accepted.',
    tag: 'auth', access: ['public'], success: 202, errors: {}, uniform: true,
  },
  identifyCompany: {
    summary: 'Signup step 1 of a company (or of a site association): identifiant CIBTP, SIRET and confidential code.',
    tag: 'signup', access: ['public'], success: 200, errors: { 401: ['identification-failed'], 429: ['rate-limited'] }, uniform: true,
  },
  identifyWorker: {
    summary: 'Signup step 1 of a worker: the civil status checked against the caisse\'s record.',
    tag: 'signup', access: ['public'], success: 200, errors: { 401: ['identification-failed'], 429: ['rate-limited'] }, uniform: true,
  },
  associateSite: {
    summary: 'Associates a further declaring site with an existing login (its email and password).',
    tag: 'signup', access: ['ticket'], success: 200, uniform: false,
    errors: { 401: ['invalid-credentials'], 403: ['account-not-activated', 'forbidden'], ...TICKET, 423: ['account-locked'] },
  },
  searchCommunes: {
    summary: 'Communes of birth of a département whose name matches, for the suggestions.',
    tag: 'signup', access: ['public'], success: 200, errors: {}, uniform: false,
  },
  secretQuestions: {
    summary: 'The secret questions a worker chooses from.',
    tag: 'signup', access: ['public'], success: 200, errors: {}, uniform: false,
  },
  franceConnectStart: {
    summary: 'Starts the FranceConnect flow: where to send the browser.',
    tag: 'signup', access: ['public'], success: 200, errors: {}, uniform: false,
  },
  franceConnectReturn: {
    summary: 'Back from FranceConnect (its code and state): signed in, or the identifiant CIBTP to ask.',
    tag: 'signup', access: ['public'], success: 200, uniform: false,
    errors: { 401: ['identification-failed'], 403: [...NOT_USABLE], ...LINK },
  },
  franceConnectLink: {
    summary: 'Links a FranceConnect identity the caisse could not match to its identifiant CIBTP (a few tries).',
    tag: 'signup', access: ['ticket'], success: 200, errors: { 401: ['identification-failed'], 403: [...NOT_USABLE], ...TICKET }, uniform: false,
  },
  registerCompany: {
    summary: 'Signup step 2 of a company: creates the login, inactive until its activation link is followed.',
    tag: 'signup', access: ['ticket'], success: 200, errors: { ...TICKET }, uniform: false,
  },
  registerWorker: {
    summary: 'Signup step 2 of a worker: creates the login; the mobile must be certified.',
    tag: 'signup', access: ['ticket'], success: 200, errors: { ...TICKET }, uniform: false,
  },
  sendPhoneCode: {
    summary: 'Sends a certification code by SMS to a mobile (limited per number).',
    tag: 'signup', access: ['public'], success: 200, errors: { 429: ['rate-limited'] }, uniform: false,
  },
  resendPhoneCode: {
    summary: 'Sends a new certification code for a challenge (limited in number and pace).',
    tag: 'signup', access: ['challenge'], success: 200, errors: { 410: ['otp-expired'], 429: ['rate-limited'] }, uniform: false,
  },
  verifyPhoneCode: {
    summary: 'Checks a certification code: the certificate proves the number to a registration.',
    tag: 'signup', access: ['challenge'], success: 200, errors: { 401: ['otp-invalid'], 410: ['otp-expired'] }, uniform: false,
  },
  searchTiers: {
    summary: 'One page of the tiers the login may act for, searched, sorted and paged by the backend.',
    tag: 'tiers', access: ['pending-tiers', 'session'], success: 200, errors: {}, uniform: false,
  },
  tiersRights: {
    summary: 'What the signed-in login may do on the current tiers.',
    tag: 'tiers', access: ['session'], success: 200, errors: { 403: ['forbidden'] }, uniform: false,
  },
  homeTiles: {
    summary: 'The functions the login uses most on the current tiers, most used first.',
    tag: 'tiers', access: ['session'], success: 200, errors: { 403: ['forbidden'] }, uniform: false,
  },
  recordUse: {
    summary: 'Counts a function the user opened, for the home page\'s tiles.',
    tag: 'tiers', access: ['session'], success: 204, errors: { 403: ['forbidden'] }, uniform: false,
  },
  rightsCatalogue: {
    summary: 'The functions a delegation can give, by group, as the caisse offers them.',
    tag: 'rights', access: ['public'], success: 200, errors: {}, uniform: false,
  },
  delegationsOverview: {
    summary: 'The head of the delegations page: identifiant CIBTP, count of beneficiaries, the member\'s accounting firm.',
    tag: 'rights', access: ['session'], success: 200, errors: { 403: ['forbidden'] }, uniform: false,
  },
  searchDelegations: {
    summary: 'One page of the current tiers\' beneficiaries, filtered, sorted and paged by the backend.',
    tag: 'rights', access: ['session'], success: 200, errors: { 403: ['forbidden'] }, uniform: false,
  },
  getDelegation: {
    summary: 'One delegation of the current tiers.',
    tag: 'rights', access: ['session'], success: 200, errors: { 403: ['forbidden'], 404: ['not-found'] }, uniform: false,
  },
  createDelegation: {
    summary: 'Adds a delegation; never beyond the delegator\'s own rights.',
    tag: 'rights', access: ['session'], success: 200, errors: { 403: ['forbidden'], 409: ['conflict'], 422: ['validation'] }, uniform: false,
  },
  updateDelegation: {
    summary: 'Modifies a delegation\'s dates and rights; never beyond the delegator\'s own rights.',
    tag: 'rights', access: ['session'], success: 200, uniform: false,
    errors: { 403: ['forbidden'], 404: ['not-found'], 409: ['conflict'], 422: ['validation'] },
  },
  closeDelegation: {
    summary: 'Closes a user\'s delegation: it becomes inactive, and stays in the list.',
    tag: 'rights', access: ['session'], success: 200, errors: { 403: ['forbidden'], 404: ['not-found'], 409: ['conflict'] }, uniform: false,
  },
  deleteDelegation: {
    summary: 'Deletes the accounting firm\'s delegation (and closes those the firm made).',
    tag: 'rights', access: ['session'], success: 204, errors: { 403: ['forbidden'], 404: ['not-found'] }, uniform: false,
  },
  delegateToCabinet: {
    summary: 'Delegates to the member\'s accounting firm, which gets a link to complete its account.',
    tag: 'rights', access: ['session'], success: 200, errors: { 403: ['forbidden'], 409: ['conflict'], 422: ['validation'] }, uniform: false,
  },
  delegationConfirmation: {
    summary: 'What an administrator\'s confirmation link is about (the link stays usable).',
    tag: 'rights', access: ['link-token'], success: 200, errors: { ...LINK }, uniform: false,
  },
  confirmDelegation: {
    summary: 'The administrator confirms the firm\'s delegation, from the list (session) or from its link.',
    tag: 'rights', access: ['session', 'link-token'], success: 200, uniform: false,
    errors: { 403: ['forbidden'], 404: ['not-found', 'link-invalid'], 409: ['conflict'], 410: ['link-expired'] },
  },
  invitation: {
    summary: 'What the accounting firm\'s link opens: who delegates, to which address (the link stays usable).',
    tag: 'rights', access: ['link-token'], success: 200, errors: { ...LINK }, uniform: false,
  },
  completeAccount: {
    summary: 'The accounting firm completes its account from its link; the administrator is asked to confirm.',
    tag: 'rights', access: ['link-token'], success: 200, errors: { ...LINK }, uniform: false,
  },
};

/** Whether an operation changes state: every method but GET (`X-CSRF-Token`, `Idempotency-Key`). */
export function isWrite(name: OperationName): boolean {
  return operations[name].method !== 'GET';
}

/**
 * Every error answer an operation may give: its own (`CONTRACT[name].errors`) and those every operation
 * of its kind gives.
 */
export function errorAnswers(name: OperationName): ErrorAnswers {
  const { errors, access } = CONTRACT[name];
  const all: Partial<Record<ErrorStatus, ServerErrorCode[]>> = {};
  const add = (status: ErrorStatus, codes: readonly ServerErrorCode[]) => {
    const list = (all[status] ??= []);
    for (const code of codes) if (!list.includes(code)) list.push(code);
  };
  if (operations[name].request) add(400, ['validation']);
  if (access.includes('session') || access.includes('pending-tiers')) add(401, ['session-expired']);
  if (isWrite(name)) add(403, ['csrf']);
  for (const [status, codes] of Object.entries(errors)) add(Number(status) as ErrorStatus, codes);
  add(500, ['server']);
  add(503, ['server']);
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => Number(a) - Number(b))) as ErrorAnswers;
}
