/**
 * English translations of the widgets, hand-written (French is the source language). Keys are the
 * `id`s given to `msg()`; in `str` templates `${n}` is the n-th expression of the French source.
 * Loaded by `../localization.ts` only when a page switches to English (its own chunk; inlined in the
 * all-in-one bundle).
 */
import { str } from '@lit/localize';
// Each widget family's translations live in their own module, merged here.
import { templates as associateTemplates } from './en-associate.js';
import { templates as passwordFieldTemplates } from './en-password-field.js';
import { templates as phoneFieldTemplates } from './en-phone-field.js';
import { templates as signupTemplates } from './en-signup.js';
import { templates as tiersTemplates } from './en-tiers.js';
import { templates as topBarTemplates } from './en-top-bar.js';
import { templates as homeTemplates } from './en-home.js';
import { templates as rightsTemplates } from './en-rights.js';
import { templates as rightsMatrixTemplates } from './en-rights-matrix.js';
import { templates as delegationsTemplates } from './en-delegations.js';
import { templates as delegationWizardTemplates } from './en-delegation-wizard.js';
import { templates as completeAccountTemplates } from './en-complete-account.js';

export const templates = {
  ...passwordFieldTemplates,
  ...phoneFieldTemplates,
  ...signupTemplates,
  ...associateTemplates,
  ...tiersTemplates,
  ...topBarTemplates,
  ...homeTemplates,
  ...rightsTemplates,
  ...rightsMatrixTemplates,
  ...delegationsTemplates,
  ...delegationWizardTemplates,
  ...completeAccountTemplates,
  // common
  'common.validate': 'Confirm',
  'common.cancel': 'Cancel',
  'common.continue': 'Continue',
  'common.retry': 'Try again',
  'common.sign-in': 'Sign in',
  'common.back-to-login': 'Back to sign-in',
  'form.required-note': 'Fields marked with an asterisk (*) are required.',
  'link.invalid.title': 'This link is not valid',
  'link.expired.title': 'This link has expired',

  // fields and summary
  'password.toggle.label': 'Show password',
  'password.toggle.text': 'Show',
  'password.toggle.hide.label': 'Hide password',
  'password.toggle.hide': 'Hide',
  'password.rule.ok': 'rule met:',
  'password.rule.ko': 'rule not met:',
  'password.rules.title': 'Your password must have:',
  'password.rule.length': str`${0} to ${1} characters`,
  'password.rule.categories': str`at least ${0} of these ${1} types of character:`,
  'password.rule.categories.all': str`all ${0} of these types of character:`,
  'password.rule.upper': 'an uppercase letter',
  'password.rule.lower': 'a lowercase letter',
  'password.rule.digit': 'a number',
  'password.rule.special': 'a special character',
  'summary.title.failed': 'Your request could not be completed',
  'summary.title.one': str`There is ${0} error in this form`,
  'summary.title.other': str`There are ${0} errors in this form`,
  'wizard.step': str`Step ${0} of ${1}`,
  'field.required': str`${0}: this field is required`,
  'field.choose': str`${0}: select an option`,
  'field.invalid.example': str`${0}: enter it in the correct format, like ${1}`,
  'field.invalid': str`${0}: enter it in the correct format`,
  'field.too-long': str`${0}: this is too long`,
  'field.policy': str`${0}: does not meet the password rules shown`,
  'field.mismatch': str`${0}: does not match the new password`,
  'field.otp-invalid': str`${0}: incorrect code`,
  'field.otp-invalid.one': str`${0}: incorrect code. You have ${1} attempt left`,
  'field.otp-invalid.other': str`${0}: incorrect code. You have ${1} attempts left`,

  // errors
  'error.validation': 'Some of the information you entered is not correct. Check the fields listed.',
  'error.invalid-credentials': 'Incorrect email address or password. Check your details or use “Forgotten your password?”.',
  'error.identification-failed':
    'The details you entered do not allow us to identify you. Check them against the letter from your caisse; if the problem persists, contact your caisse.',
  'error.account-not-activated': 'Your account has not been activated yet. Use the activation link we emailed you, or ask for a new one.',
  'error.account-locked': 'Your account is temporarily locked after too many failed sign-in attempts. Try again later or contact your CIBTP fund.',
  'error.account-locked.until': str`Your account is temporarily locked after too many failed sign-in attempts. You can try again from ${0}.`,
  'error.otp-required': 'Enter a verification code to continue.',
  'error.otp-invalid': 'The code you entered is incorrect.',
  'error.otp-expired': 'This code has expired. Sign in again to get a new one.',
  'error.email-certification-expired':
    'Your email address certification has expired. For security reasons, it must be renewed regularly. Ask for a new certification link.',
  'error.link-invalid': 'This link is not valid or has already been used.',
  'error.link-expired': 'This link has expired.',
  'error.session-expired': 'Your session has expired. Sign in again.',
  'error.csrf': 'The page’s security check failed. Try again.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.not-found': 'What you asked for could not be found.',
  'error.conflict': 'This conflicts with a change already made. Refresh the page and try again.',
  'error.rate-limited': 'Too many attempts. Try again in a few moments.',
  'error.rate-limited.over': 'You can try again now.',
  'error.rate-limited.countdown': str`Too many attempts. You can try again in ${0}.`,
  'error.network': 'The service cannot be reached. Check your internet connection and try again.',
  'error.timeout': 'The service is taking too long to respond. Try again in a few moments.',
  'error.server': 'The service is having a temporary problem. Try again in a few moments.',
  'error.malformed-response':
    'The service sent an unexpected response. Try again in a few moments. If the problem continues, contact your CIBTP fund.',
  'error.aborted': 'The request was interrupted.',

  // portal: session warning
  'portal.session-warning.title': 'Your session is about to expire',
  'portal.session-warning.countdown': str`Your session will expire in ${0}.`,
  'portal.session-warning.extend': 'Stay signed in',
  'portal.session-warning.sign-out': 'Sign out',
  'portal.session-warning.extended': 'Your session has been extended.',

  // login
  'login.no-access': 'Your account has access to no member for now: your delegation is not active yet, was closed or has ended. Please contact the company that gave it to you.',
  'login.title': 'Sign in to your CIBTP secure area',
  'login.email.label': 'Email address',
  'login.email.hint': 'The address you sign in with, for example name@company.fr',
  'login.password.label': 'Password',
  'login.submit': 'Sign in',
  'login.forgot': 'Forgotten your password?',
  'login.signup': 'Create your secure area',
  'login.associate': 'Other declaring sites? Add them to an existing secure area',
  'login.pending': 'Signing in…',
  'login.activation.resend': 'Send me a new activation link',
  'login.activation.sent': 'We have sent a new activation link to your email address. It is valid for a limited time.',
  'login.certification.renew': 'Send me a new certification link',
  'login.certification.sent': 'We have sent a new certification link to your email address. It is valid for a limited time.',
  'login.activation.sent.title': 'New activation link sent',
  'login.certification.sent.title': 'New certification link sent',
  'login.signed-out.status': 'You have signed out.',
  'login.otp.title': 'Verifying your identity',
  'login.otp.sent-to': 'We sent a code to',
  'login.otp.sent-to.sr': str`the number ending in ${0}`,
  'login.otp.code.label': 'Code received by text message',
  'login.otp.code.hint': str`6 digits. It is valid until ${0}.`,
  'login.otp.resend': 'Resend the code',
  'login.otp.resend.wait': str`Resend the code (available in ${0})`,
  'login.otp.resent': str`We sent a new code to the number ending in ${0}.`,
  'login.otp.pending': 'Checking the code…',
  'login.otp.exhausted': 'Too many incorrect codes. Sign in again to receive a new code.',
  'login.signed-in.title': 'Signed in',
  'login.signed-in.status': 'You are now signed in.',
  'login.signed-in.welcome': str`Welcome, ${0}.`,
  'login.signed-in.tiers': str`Secure area: ${0}`,

  // forgotten password
  'forgot.title': 'Forgotten password',
  'forgot.choose.title': 'Which applies to you?',
  'forgot.situation.name': 'Your situation',
  'forgot.choose.intro': 'Select the option that applies to you.',
  'forgot.choose.email': 'I have already created my secure area and I have forgotten my password.',
  'forgot.choose.code': 'I want to create my secure area but I do not know my confidential code.',
  'forgot.email.label': 'Email address',
  'forgot.email.intro':
    'Enter the email address you sign in with. We will send you a link to reset your password.',
  'forgot.email.hint': 'For example name@company.fr',
  'forgot.code.title': 'Ask for a new confidential code',
  'forgot.code.label': 'CIBTP ID',
  'forgot.code.hint': 'Shown on your welcome letter (Courrier de bienvenue): 6 to 14 letters or numbers.',
  'forgot.code.help.title': 'Before asking for a new confidential code, do you know where to find your current one?',
  'forgot.code.help.new': 'New member companies: your confidential code is in the second letter we sent you.',
  'forgot.code.help.old': 'If you used the old secure area: enter the password of the online account you used there.',
  'forgot.code.help.request':
    'If you do not know your confidential code, enter your CIBTP ID here: we will post a new one to your address.',
  'forgot.code.submit': 'Send me a new confidential code by post',
  'forgot.pending': 'Sending your request…',
  'forgot.sent.title': 'Your request has been received',
  'forgot.sent.email.title': 'Password reset requested',
  'forgot.sent.code.title': 'New confidential code requested',
  'forgot.sent.email.body':
    'If a secure area exists for this address, we have sent it an email with a link to reset your password. The link is valid for a limited time. Check your junk mail folder too.',
  'forgot.sent.code.body':
    'If this CIBTP ID matches a member company, we will post a new confidential code to the address your CIBTP fund has on record.',

  // reset password
  'reset.title': 'Choose a new password',
  'reset.password.label': 'New password',
  'reset.confirmation.label': 'Confirm new password',
  'reset.pending': 'Saving your new password…',
  'reset.done.title': 'Your password has been changed',
  'reset.done.status': 'Your password has been changed.',
  'reset.done.notice': 'Change saved',
  'reset.done.body': 'You can now sign in to your secure area with your new password.',
  'reset.link.expired.body': 'For security reasons, a password reset link is only valid for a limited time.',
  'reset.link.invalid.body':
    'This reset link is incomplete or has already been used. Check that you opened the whole of the latest link we sent you.',
  'reset.link.new': 'Ask for a new link',

  // activation
  'activate.title': 'Activating your account',
  'activate.sent.title': 'Your request has been received',
  'activate.pending': 'Sending your request…',
  'activate.progress': 'Checking the link, please wait…',
  'activate.done.title': 'Your account has been activated',
  'activate.done.status': 'Your account has been activated.',
  'activate.done.notice': 'Activation successful',
  'activate.done.body': 'Your email address has been certified too. You can now sign in to your secure area.',
  'activate.certified.title': 'Your email address has been certified',
  'activate.certified.status': 'Your email address has been certified.',
  'activate.certified.notice': 'Certification renewed',
  'activate.certified.body': 'Your email address certification has been renewed. You can continue to use your secure area.',
  'activate.invalid.body': 'This activation link is incomplete or has already been used. If your account has already been activated, sign in.',
  'activate.failed.title': 'Activation could not be completed',
  'activate.expired.body': 'For security reasons, an activation link is only valid for a limited time. You can get a new one by email.',
  'activate.resend': 'Send me a new link',
  'activate.resent.body':
    'If this link matches an account, we have sent a new activation email to it. Check your junk mail folder too.',
};

/** The ids translated here, for the test that compares them with the ids used in the widgets. */
export const translatedIds: readonly string[] = Object.keys(templates);
