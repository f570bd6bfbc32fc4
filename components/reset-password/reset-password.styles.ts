import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-reset-password>`: the shared form rules alone (`formStyles`, one sheet for every
 * widget; the password checklist is in it). A rule of its own would go in a second sheet scoped
 * `:where(cibtp-reset-password)`, after `formStyles`.
 */
export const resetPasswordStyles = [formStyles];
