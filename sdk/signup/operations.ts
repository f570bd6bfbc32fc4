/**
 * The `signup` domain: identifying a company or a worker, associating a further declaring site, the
 * commune look-up, the secret questions and FranceConnect. Step 2 of the signup wizards and phone
 * certification, which need the phone rules, are in `./registration.ts`. Each definition is its own
 * constant and each function only calls `client.invoke()`, so a page carries the schemas of the functions
 * it imports only.
 */
import type { CallOptions, PortalCore } from '../core.js';
import { defineOperation, type InputOf, type OutputOf } from '../definition.js';
import { LoginResult } from '../schemas/auth.js';
import {
  AssociateSiteRequest, CommuneList, CompanyIdentity, FranceConnectLinkRequest, FranceConnectRedirect, FranceConnectResult,
  FranceConnectReturnRequest, FranceConnectStartRequest, IdentifyCompanyRequest, IdentifyWorkerRequest, SearchCommunesRequest,
  SecretQuestions, SiteAssociated, WorkerIdentity,
} from '../schemas/signup.js';

export const identifyCompanyDef = defineOperation({
  method: 'POST', path: 'signup/company/identify', request: IdentifyCompanyRequest, response: CompanyIdentity, retry: false,
});
export const identifyWorkerDef = defineOperation({
  method: 'POST', path: 'signup/worker/identify', request: IdentifyWorkerRequest, response: WorkerIdentity, retry: false,
});
export const associateSiteDef = defineOperation({
  method: 'POST', path: 'signup/associate', request: AssociateSiteRequest, response: SiteAssociated, retry: false,
});
export const searchCommunesDef = defineOperation({
  method: 'GET', path: 'signup/communes', request: SearchCommunesRequest, response: CommuneList, retry: true,
});
export const secretQuestionsDef = defineOperation({
  method: 'GET', path: 'signup/secret-questions', request: undefined, response: SecretQuestions, retry: true,
});
export const franceConnectStartDef = defineOperation({
  method: 'POST', path: 'franceconnect/start', request: FranceConnectStartRequest, response: FranceConnectRedirect, retry: false,
});
export const franceConnectReturnDef = defineOperation({
  method: 'POST', path: 'franceconnect/return', request: FranceConnectReturnRequest, response: FranceConnectResult, retry: false, session: 'result',
});
export const franceConnectLinkDef = defineOperation({
  method: 'POST', path: 'franceconnect/link', request: FranceConnectLinkRequest, response: LoginResult, retry: false, session: 'result',
});

/** Every operation of this module, by name: for `sdk/operations.ts` only (a page importing it carries them all). */
export const signupOperations = {
  identifyCompany: identifyCompanyDef,
  identifyWorker: identifyWorkerDef,
  associateSite: associateSiteDef,
  searchCommunes: searchCommunesDef,
  secretQuestions: secretQuestionsDef,
  franceConnectStart: franceConnectStartDef,
  franceConnectReturn: franceConnectReturnDef,
  franceConnectLink: franceConnectLinkDef,
} as const;


/** Step 1 of the company signup and of associating a site: checks identifiant CIBTP, SIRET and code confidentiel together. Refused data answers `identification-failed`, whichever field was wrong; repeated failures answer `rate-limited`. */
export function identifyCompany(client: PortalCore, input: InputOf<typeof identifyCompanyDef>, options?: CallOptions): Promise<OutputOf<typeof identifyCompanyDef>> {
  return client.invoke(identifyCompanyDef, input, options);
}

/** Step 1 of the worker signup: checks the civil status against the caisse’s record. A mismatch answers `identification-failed`, without saying which field. */
export function identifyWorker(client: PortalCore, input: InputOf<typeof identifyWorkerDef>, options?: CallOptions): Promise<OutputOf<typeof identifyWorkerDef>> {
  return client.invoke(identifyWorkerDef, input, options);
}

/** Step 2 of associating a further declaring site with an existing login (email and password). */
export function associateSite(client: PortalCore, input: InputOf<typeof associateSiteDef>, options?: CallOptions): Promise<OutputOf<typeof associateSiteDef>> {
  return client.invoke(associateSiteDef, input, options);
}

/** Communes of a département whose name starts with (or contains) `q`, for the commune-of-birth suggestions. */
export function searchCommunes(client: PortalCore, input: InputOf<typeof searchCommunesDef>, options?: CallOptions): Promise<OutputOf<typeof searchCommunesDef>> {
  return client.invoke(searchCommunesDef, input, options);
}

/** The secret questions a worker chooses from. */
export function secretQuestions(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof secretQuestionsDef>> {
  return client.invoke(secretQuestionsDef, undefined, options);
}

/** Starts the caisse backend’s FranceConnect flow: the browser then goes to `authorizationUrl`, and comes back to `returnUrl` with `code` and `state`. */
export function franceConnectStart(client: PortalCore, input: InputOf<typeof franceConnectStartDef>, options?: CallOptions): Promise<OutputOf<typeof franceConnectStartDef>> {
  return client.invoke(franceConnectStartDef, input, options);
}

/** Back from FranceConnect: signed in, or `identify` when the identity matched no worker record. */
export function franceConnectReturn(client: PortalCore, input: InputOf<typeof franceConnectReturnDef>, options?: CallOptions): Promise<OutputOf<typeof franceConnectReturnDef>> {
  return client.invoke(franceConnectReturnDef, input, options);
}

/** The identifiant CIBTP of a FranceConnect identity the caisse could not match, asked once. */
export function franceConnectLink(client: PortalCore, input: InputOf<typeof franceConnectLinkDef>, options?: CallOptions): Promise<OutputOf<typeof franceConnectLinkDef>> {
  return client.invoke(franceConnectLinkDef, input, options);
}
