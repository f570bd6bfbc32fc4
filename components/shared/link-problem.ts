/**
 * A link sent by email that can no longer be used, as the widgets it opens say it (`<cibtp-reset-password>`,
 * `<cibtp-activate-account>`, `<cibtp-complete-account>`, `<cibtp-confirm-delegation>`): expired, or
 * invalid (unknown, malformed, already used). Apart from `link-token.ts`, which every page loads to read
 * the address bar: only a page showing one of these widgets needs this.
 */
import { PortalError, type PortalErrorCode } from '../../sdk/errors.js';
import { msg } from './localization.js';

/**
 * The link's problem in `error`: the error itself when expired, a `link-invalid` when the server does not
 * know the token, refuses it, or it is malformed; `undefined` when the error says nothing of the link (a
 * network failure: the link may still serve). `invalid` adds codes that mean a spent link for this
 * operation (an activation already done is a `conflict`).
 */
export function linkProblemOf(error: PortalError, o: { invalid?: readonly PortalErrorCode[] } = {}): PortalError | undefined {
  if (error.code === 'link-expired') return error;
  if (
    error.code === 'link-invalid' ||
    error.code === 'not-found' ||
    (error.code === 'validation' && error.fields['token']) ||
    o.invalid?.includes(error.code)
  ) {
    return new PortalError('link-invalid');
  }
  return undefined;
}

/** « Ce lien a expiré » for an expired link, else « Ce lien n’est pas valide » (none known counts as invalid). */
export function linkProblemTitle(problem: PortalError | undefined): string {
  return problem?.code === 'link-expired'
    ? msg('Ce lien a expiré', { id: 'link.expired.title' })
    : msg('Ce lien n’est pas valide', { id: 'link.invalid.title' });
}
