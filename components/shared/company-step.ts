import { html, nothing, type TemplateResult } from 'lit';
import type { PortalError } from '../../sdk/errors.js';
import { IdentifyCompanyRequest } from '../../sdk/schemas/signup.js';
import type { ClockController } from './clock-controller.js';
import { button, formActions, formShell, requiredNote, textField, type ButtonOptions } from './fields.js';
import type { FormController, FormField, FormOptions } from './form-controller.js';
import { msg, str } from './localization.js';
import { errorMessage } from './messages.js';

/**
 * Step 1 of both company wizards, creating a space (`<cibtp-signup>`) and associating a further
 * declaring site: the identifiant CIBTP and the SIRET of the *Courrier de bienvenue*, and the
 * *code confidentiel provisoire* of the *Courrier informatique*, checked together by
 * `identifyCompany`. A refusal (`identification-failed`) never says which of the three was wrong
 * (ASVS 6.3.8): it is a problem of no field, shown in the error summary alone. Repeated refusals are
 * `rate-limited`: the summary counts down (`companySummary`) and the submission waits
 * (`companyBlocked`).
 *
 * A wizard makes the step's form with `this.createForm(companyForm('signup' | 'associate'))`, renders
 * `companySummary()` and `companyStep()` under its own heading, and sends with
 * `form.submit(event, { send: (client, data, call) => identifyCompany(client, data, call) })`.
 */

export type CompanyPurpose = IdentifyCompanyRequest['purpose'];

/** The identifiant CIBTP, as every step that asks for it declares it (company and worker alike). */
export function identifiantField(): FormField {
  return { name: 'identifiantCibtp', label: () => msg('Identifiant CIBTP', { id: 'company.identifiant.label' }), example: '100234567' };
}

/** The identifiant CIBTP's input, with its hint (the letter it is printed on). */
export function identifiantInput(form: FormController): TemplateResult {
  return textField({
    ...form.bind('identifiantCibtp'),
    autocomplete: 'off',
    hint: msg('Présent sur le Courrier de bienvenue\u00a0: 6 à 14 lettres ou chiffres.', { id: 'company.identifiant.hint' }),
    required: true,
    identifier: true,
  });
}

/** The three fields of the step, by request name (also the inputs' names and instance ids). */
export function companyFields(): FormField[] {
  return [
    identifiantField(),
    {
      name: 'siret',
      label: () => msg('Numéro SIRET', { id: 'company.siret.label' }),
      example: '732 829 320 00074',
      messages: {
        invalid: (label) =>
          msg(str`${label}\u00a0: numéro non valide, vérifiez les 14 chiffres (exemple\u00a0: 732 829 320 00074)`, { id: 'company.siret.invalid' }),
      },
    },
    {
      name: 'confidentialCode',
      label: () => msg('Code confidentiel provisoire', { id: 'company.code.label' }),
      messages: {
        invalid: (label) => msg(str`${label}\u00a0: 4 à 16 lettres ou chiffres, sans espace`, { id: 'company.code.invalid' }),
      },
    },
  ];
}

/** The options of the step's form: `this.createForm(companyForm('signup'))`. */
export function companyForm(purpose: CompanyPurpose): FormOptions<typeof IdentifyCompanyRequest> {
  return { fields: companyFields(), schema: IdentifyCompanyRequest, extra: () => ({ purpose }) };
}

/** Seconds left of a rate limit met by the step (0 when none), ticking on the widget's clock. */
export function companyWait(problem: PortalError | undefined, clock: ClockController): number {
  return problem?.code === 'rate-limited' ? clock.secondsUntil(problem.retryAt) : 0;
}

/** Whether the step's submission must wait (its request runs, or a rate limit counts down). */
export function companyBlocked(form: FormController, clock: ClockController): boolean {
  return form.pending || companyWait(form.problem, clock) > 0;
}

/** The step's error summary: the fields' problems, or one message naming no field, with a live countdown. */
export function companySummary(form: FormController, clock: ClockController, actions?: TemplateResult): TemplateResult | typeof nothing {
  const problem = form.problem;
  const message = problem?.code === 'rate-limited' && !form.problemText ? errorMessage(problem, companyWait(problem, clock)) : undefined;
  return form.summary({ message, actions });
}

export interface CompanyStepOptions {
  /** The step's form (`companyForm()`), on the shared pipeline. */
  form: FormController;
  /** Instance ids of the widget (the heading that names the form is `id('heading')`). */
  id: (name: string) => string;
  /** The submission is held (`companyBlocked()`). */
  blocked: boolean;
  onSubmit: (event: SubmitEvent) => void;
  /** « Je n’ai pas mon code confidentiel »: the widget leads to the request of a new code by post. */
  onForgotCode: () => void;
  /** The submit button's text (default « Valider »). */
  submitLabel?: string;
  /** « Annuler », or another way out of the step. */
  leave?: ButtonOptions;
}

/**
 * The step's `<form>`: what to have at hand, the required note, the three fields with where to find
 * each, and the actions. The code confidentiel is a plain text input: it is printed on a letter, used
 * once, and easier to copy without masking; `autocomplete="off"` keeps it out of autofill.
 */
export function companyStep(o: CompanyStepOptions): TemplateResult {
  const { form } = o;
  return formShell({
    labelledBy: o.id('heading'),
    busy: form.pending,
    onSubmit: o.onSubmit,
    body: html`<p class="cibtp-note" data-part="intro">
        ${msg('Munissez-vous des deux courriers reçus de votre caisse\u00a0: ils contiennent votre identifiant CIBTP et votre code confidentiel provisoire.', {
          id: 'company.intro',
        })}
      </p>
      ${requiredNote()}
      ${identifiantInput(form)}
      ${textField({
        ...form.bind('siret'),
        autocomplete: 'off',
        inputmode: 'numeric',
        hint: msg('14 chiffres, sans espace ou par groupes (exemple\u00a0: 732 829 320 00074).', { id: 'company.siret.hint' }),
        required: true,
        identifier: true,
      })}
      ${textField({
        ...form.bind('confidentialCode'),
        autocomplete: 'off',
        hint: msg('Présent sur le Courrier informatique reçu par voie postale.', { id: 'company.code.hint' }),
        required: true,
        identifier: true,
      })}
      <p class="cibtp-forgot-code" data-part="forgot-code">
        ${button({
          variant: 'link',
          id: o.id('forgot-code'),
          label: msg('Je n’ai pas mon code confidentiel', { id: 'company.code.forgot' }),
          onClick: o.onForgotCode,
        })}
      </p>
      ${formActions({
        submit: o.submitLabel ?? msg('Valider', { id: 'common.validate' }),
        pending: o.blocked,
        ...(o.leave ? { secondary: o.leave } : {}),
      })}`,
  });
}
