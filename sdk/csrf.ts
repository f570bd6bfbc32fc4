/**
 * The one operation the core transport runs by itself: the CSRF token every write carries. Kept apart
 * from the domains so that the core imports no other operation's schema.
 */
import { defineOperation } from './definition.js';
import { z } from './zod.js';

/** The token travels back as a header: long enough to be random, short enough for any header. */
export const CsrfResponse = z.object({ token: /* @__PURE__ */ z.string().check(z.minLength(16), z.maxLength(512)) });

export const csrfDef = defineOperation({ method: 'GET', path: 'auth/csrf', request: undefined, response: CsrfResponse, retry: true });
