import { msg, str } from './localization.js';
import type { FieldErrorCode, PortalError, PortalErrorCode } from '../../sdk/index.js';
import { getLocale } from './localization.js';

/**
 * User-facing wording of errors, in one place: every `PortalErrorCode` maps to one localised message
 * (the `Record` makes the map exhaustive), and field problems produce messages that name the field
 * (RGAA 11.10), used verbatim both inline and in the error summary.
 */

const NBSP = '\u00a0';

/** "14:32" in the active locale. */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** "42 s" or "3 min 05 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  if (seconds < 60) return `${seconds}${NBSP}s`;
  const minutes = Math.floor(seconds / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return `${minutes}${NBSP}min ${rest}${NBSP}s`;
}

export function isOne(count: number): boolean {
  return new Intl.PluralRules(getLocale()).select(count) === 'one';
}

const ERROR_MESSAGES: Record<PortalErrorCode, () => string> = {
  validation: () => msg('Certaines informations saisies sont incorrectes. Vérifiez les champs signalés.', { id: 'error.validation' }),
  'invalid-credentials': () =>
    msg('Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie ou utilisez «\u00a0Mot de passe oublié\u00a0?\u00a0».', {
      id: 'error.invalid-credentials',
    }),
  'identification-failed': () =>
    msg('Les informations saisies ne permettent pas de vous identifier. Vérifiez-les à l’aide du courrier reçu de votre caisse ; si le problème persiste, contactez votre caisse.', {
      id: 'error.identification-failed',
    }),
  'account-not-activated': () =>
    msg('Votre compte n’est pas encore activé. Suivez le lien d’activation reçu par courriel, ou demandez-en un nouveau.', {
      id: 'error.account-not-activated',
    }),
  'account-locked': () =>
    msg('Votre compte est temporairement bloqué après plusieurs tentatives de connexion infructueuses. Réessayez plus tard ou contactez votre caisse.', {
      id: 'error.account-locked',
    }),
  'otp-required': () => msg('Un code de vérification est nécessaire pour continuer.', { id: 'error.otp-required' }),
  'otp-invalid': () => msg('Le code saisi est incorrect.', { id: 'error.otp-invalid' }),
  'otp-expired': () => msg('Ce code a expiré. Connectez-vous à nouveau pour en recevoir un nouveau.', { id: 'error.otp-expired' }),
  'email-certification-expired': () =>
    msg('La certification de votre adresse électronique a expiré\u00a0: par sécurité, elle doit être renouvelée périodiquement. Demandez un nouveau lien de certification.', {
      id: 'error.email-certification-expired',
    }),
  'link-invalid': () => msg('Ce lien n’est pas valide, ou il a déjà été utilisé.', { id: 'error.link-invalid' }),
  'link-expired': () => msg('Ce lien a expiré.', { id: 'error.link-expired' }),
  'session-expired': () => msg('Votre session a expiré. Veuillez vous reconnecter.', { id: 'error.session-expired' }),
  csrf: () => msg('La vérification de sécurité de la page a échoué. Réessayez.', { id: 'error.csrf' }),
  forbidden: () => msg('Vous n’avez pas les droits nécessaires pour effectuer cette action.', { id: 'error.forbidden' }),
  'not-found': () => msg('L’élément demandé est introuvable.', { id: 'error.not-found' }),
  conflict: () =>
    msg('Cette action entre en conflit avec une autre déjà effectuée. Actualisez la page, puis réessayez.', { id: 'error.conflict' }),
  'rate-limited': () => msg('Trop de tentatives. Réessayez dans quelques instants.', { id: 'error.rate-limited' }),
  network: () =>
    msg('Impossible de joindre le service. Vérifiez votre connexion Internet, puis réessayez.', { id: 'error.network' }),
  timeout: () => msg('Le service met trop de temps à répondre. Réessayez dans quelques instants.', { id: 'error.timeout' }),
  server: () => msg('Le service rencontre une difficulté temporaire. Réessayez dans quelques instants.', { id: 'error.server' }),
  'malformed-response': () =>
    msg('Le service a renvoyé une réponse inattendue. Réessayez dans quelques instants\u00a0; si le problème persiste, contactez votre caisse.', {
      id: 'error.malformed-response',
    }),
  aborted: () => msg('La demande a été interrompue.', { id: 'error.aborted' }),
};

/**
 * The message for an SDK error. `secondsLeft` is the live countdown of a rate limit (the widget's
 * clock); a locked account names the time from which the user may try again.
 */
export function errorMessage(error: Pick<PortalError, 'code' | 'retryAt'>, secondsLeft?: number): string {
  if (error.code === 'account-locked' && error.retryAt) {
    const time = formatTime(error.retryAt);
    return msg(
      str`Votre compte est temporairement bloqué après plusieurs tentatives de connexion infructueuses. Vous pourrez réessayer à partir de ${time}.`,
      { id: 'error.account-locked.until' },
    );
  }
  if (error.code === 'rate-limited' && secondsLeft !== undefined) {
    if (secondsLeft <= 0) return msg('Vous pouvez réessayer maintenant.', { id: 'error.rate-limited.over' });
    const duration = formatDuration(secondsLeft);
    return msg(str`Trop de tentatives. Vous pourrez réessayer dans ${duration}.`, { id: 'error.rate-limited.countdown' });
  }
  return ERROR_MESSAGES[error.code]();
}

/**
 * A message kept as the way to write it, not as its words: a widget stores it when a submission fails
 * and calls it while rendering, so that the text follows a locale switch (`@localized()` re-renders the
 * widget; words stored at failure time would stay in the language they were written in).
 */
export type Message = () => string;

/** The message of each field that has a problem (inline, and the same words in the error summary). */
export type FieldMessages<F extends string = string> = Partial<Record<F, Message>>;

/** A field problem: the SDK's codes (an open set), plus "no option chosen" for radio groups. */
export type FieldProblem = FieldErrorCode | 'choose';

/** « Adresse électronique : format invalide (exemple : nom@domaine.fr) » */
export function fieldMessage(label: string, problem: FieldProblem, example?: string): string {
  switch (problem) {
    case 'required':
      return msg(str`${label}\u00a0: ce champ est obligatoire`, { id: 'field.required' });
    case 'choose':
      return msg(str`${label}\u00a0: sélectionnez une option`, { id: 'field.choose' });
    case 'invalid':
      return example
        ? msg(str`${label}\u00a0: format invalide (exemple\u00a0: ${example})`, { id: 'field.invalid.example' })
        : msg(str`${label}\u00a0: format invalide`, { id: 'field.invalid' });
    case 'too-long':
      return msg(str`${label}\u00a0: texte trop long`, { id: 'field.too-long' });
    case 'policy':
      return msg(str`${label}\u00a0: ne respecte pas les règles de composition indiquées`, { id: 'field.policy' });
    case 'mismatch':
      return msg(str`${label}\u00a0: ne correspond pas au mot de passe saisi`, { id: 'field.mismatch' });
    default:
      // A code of a backend's own that this field does not word: the field was refused.
      return fieldMessage(label, 'invalid', example);
  }
}

/** « Code reçu par SMS : code incorrect, il vous reste 2 tentatives » */
export function otpInvalidMessage(label: string, attemptsLeft: number | undefined): string {
  if (attemptsLeft === undefined) return msg(str`${label}\u00a0: code incorrect`, { id: 'field.otp-invalid' });
  const count = String(attemptsLeft);
  return isOne(attemptsLeft)
    ? msg(str`${label}\u00a0: code incorrect, il vous reste ${count} tentative`, { id: 'field.otp-invalid.one' })
    : msg(str`${label}\u00a0: code incorrect, il vous reste ${count} tentatives`, { id: 'field.otp-invalid.other' });
}

/**
 * A string from the server, direction-isolated for a sentence (FSI … PDI): a right-to-left override
 * (U+202E) in a raison sociale cannot flip the words around it. Templates put server strings that stand
 * alone in `<bdi>`; inside a localised sentence, where no element fits, this does the same.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
