import { localized } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalError } from '../../sdk/errors.js';
import { associateSite, identifyCompany } from '../../sdk/signup/operations.js';
import { AssociateSiteRequest, type CompanyIdentity, type SiteAssociated } from '../../sdk/schemas/signup.js';
import { CibtpElement } from '../shared/base-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { companyBlocked, companyForm, companyStep, companySummary } from '../shared/company-step.js';
import { emit } from '../shared/events.js';
import { formActions, formShell, notice, requiredNote, textField } from '../shared/fields.js';
import { msg } from '../shared/localization.js';
import { safeHref } from '../shared/navigation.js';
import { WizardController } from '../shared/wizard-controller.js';
import '../password-field/password-field.js';
import { associateSiteStyles } from './associate-site.styles.js';

type Step = 'company' | 'login' | 'done' | 'forgot';

declare global {
  interface GlobalEventHandlersEventMap {
    /** A further declaring site is now associated with an existing login. */
    'cibtp-site-associated': CustomEvent<SiteAssociated>;
  }
}

/**
 * « D’autres sites déclarants ? Je les associe à un espace existant »: a login that already exists is
 * given one more declaring site (*tiers*), in two steps, as the caisse's guide shows them.
 * 1. The new site's identifiant CIBTP and SIRET (*Courrier de bienvenue*) and its code confidentiel
 *    (*Courrier informatique*), checked together (`identifyCompany`, purpose `associate`): a refusal never
 *    says which one was wrong.
 * 2. The existing login's email address and password (`associateSite`, with the ticket of step 1).
 * Then « Association effectuée », naming the site, and the way back to the login, where the site now
 * appears among the user's tiers.
 *
 * « Retour » on step 2 keeps what was typed on both steps. An expired ticket (the user took too long on
 * step 2) leads back to step 1 with why; the fields stay filled. « Je n’ai pas mon code confidentiel »
 * asks the host for the forgotten-password page (`cibtp-navigate`), and otherwise shows the request of a
 * new code by post inline.
 *
 * Rendering is in the light DOM, like every widget of the kit (see `<cibtp-login>`): only the frame is in
 * the shadow root (`cibtp-associate-site::part(card)`); the other parts are `data-part` attributes.
 *
 * @summary Associate a further declaring site with an existing login (two steps).
 *
 * @fires cibtp-site-associated - `CustomEvent<{ raisonSociale: string; siteName: string }>`: the site is associated.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' | 'confidential-code' }>`, cancelable: `login` on « Annuler »,
 *   « Retour à la connexion » (without `login-href`); `confidential-code` on « Je n’ai pas mon code
 *   confidentiel » (otherwise shown inline).
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-associate-site::part(card)`).
 * @datapart heading - The heading of the current step.
 * @datapart step - The step indicator (« Étape n sur 2 ») inside the heading.
 * @datapart intro - What to have at hand (step 1).
 * @datapart form - The `<form>` of the current step.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart forgot-code - « Je n’ai pas mon code confidentiel » (step 1).
 * @datapart site - The site being associated, on step 2.
 * @datapart submit - The submit button of the current step.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart notice - « Association effectuée ».
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints and notes.
 * @cssproperty --cibtp-color-background - Background of the card, inputs and boxes.
 * @cssproperty --cibtp-color-surface - Background of the box naming the site.
 * @cssproperty --cibtp-color-border - Borders of the card and inputs.
 * @cssproperty --cibtp-color-primary - Buttons and links.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - The success box.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the widget grows.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons.
 *
 * @example
 * ```html
 * <cibtp-associate-site base-url="/api/" login-href="/espace-entreprise"></cibtp-associate-site>
 * ```
 */
@localized()
export class CibtpAssociateSite extends CibtpElement {
  static override styles = associateSiteStyles;

  /** Address of the login page; without it, « Retour à la connexion » is a button firing `cibtp-navigate`. */
  @property({ attribute: 'login-href' }) loginHref?: string | undefined;

  /** The site identified on step 1 (its ticket goes with step 2). */
  @state() private identity: CompanyIdentity | undefined;
  /** The answer of step 2. */
  @state() private associated: SiteAssociated | undefined;

  private readonly clock = new ClockController(this);

  private readonly wizard = new WizardController<Step>(
    this,
    { focus: (name) => this.focusId(name) },
    [
      { id: 'company' },
      { id: 'login' },
      { id: 'done', counted: false },
      { id: 'forgot', counted: false, when: () => false },
    ],
    () => [this.companyForm, this.loginForm],
  );

  private readonly companyForm = this.createForm(companyForm('associate'));

  private readonly loginForm = this.createForm({
    fields: [
      { name: 'email', label: () => msg('Adresse électronique', { id: 'associate.email.label' }), example: 'nom@entreprise.fr' },
      { name: 'password', label: () => msg('Mot de passe', { id: 'associate.password.label' }) },
    ],
    schema: AssociateSiteRequest,
    extra: () => ({ ticket: this.identity?.ticket ?? '' }),
  });

  protected override stepTemplate(): TemplateResult {
    switch (this.wizard.current) {
      case 'login':
        return this.loginTemplate();
      case 'done':
        return this.doneTemplate();
      case 'forgot':
        return this.forgotTemplate();
      default:
        return this.companyTemplate();
    }
  }

  private companyTemplate(): TemplateResult {
    const form = this.companyForm;
    return html`${this.headingTemplate(msg('Associer un site déclarant à votre espace', { id: 'associate.title' }), this.wizard.position)}
      ${companySummary(form, this.clock)}
      <p class="cibtp-lead">
        ${msg('Vous avez déjà un espace sécurisé et vous souhaitez y associer un nouveau site déclarant. Saisissez d’abord les informations du nouveau site.', {
          id: 'associate.company.lead',
        })}
      </p>
      ${companyStep({
        form,
        id: (name) => this.fid(name),
        blocked: companyBlocked(form, this.clock),
        onSubmit: this.onCompanySubmit,
        onForgotCode: this.onForgotCode,
        leave: { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.onCancel },
      })}`;
  }

  private siteName(site: { raisonSociale: string; siteName: string }): string {
    return [site.raisonSociale, site.siteName].filter((part) => part.trim()).join(' — ');
  }

  private loginTemplate(): TemplateResult {
    const form = this.loginForm;
    const identity = this.identity;
    return html`${this.headingTemplate(msg('Vos identifiants de connexion', { id: 'associate.login.title' }), this.wizard.position)}
      ${form.summary()}
      ${identity
        ? html`<div class="cibtp-site" data-part="site">
            <p class="cibtp-site__label">${msg('Site déclarant à associer', { id: 'associate.site.label' })}</p>
            <p class="cibtp-site__name"><bdi>${this.siteName(identity)}</bdi></p>
          </div>`
        : nothing}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onLoginSubmit,
        body: html`<p class="cibtp-note">
            ${msg('Saisissez l’adresse électronique et le mot de passe que vous utilisez pour vous connecter à votre espace sécurisé\u00a0: ce site y sera associé.', {
              id: 'associate.login.intro',
            })}
          </p>
          ${requiredNote()}
          ${textField({
            ...form.bind('email'),
            type: 'email',
            inputmode: 'email',
            autocomplete: 'username',
            hint: msg('Votre identifiant de connexion, par exemple nom@entreprise.fr', { id: 'associate.email.hint' }),
            required: true,
            identifier: true,
          })}
          <cibtp-password-field
            .client=${this.clients.value}
            name="password"
            autocomplete="current-password"
            label=${msg('Mot de passe', { id: 'associate.password.label' })}
            required
            field-id=${this.fid('password')}
            .value=${form.values['password'] ?? ''}
            .error=${form.error('password')}
            @input=${(event: Event) => form.bind('password').onInput(event)}
            @focusout=${(event: Event) => form.bind('password').onBlur(event)}
          ></cibtp-password-field>
          ${formActions({
            submit: msg('Valider', { id: 'common.validate' }),
            pending: form.pending,
            secondary: { label: msg('Retour', { id: 'associate.back' }), onClick: this.onBack },
          })}`,
      })}`;
  }

  private doneTemplate(): TemplateResult {
    const site = this.associated;
    return html`${this.headingTemplate(msg('Association effectuée', { id: 'associate.done.title' }))}
      ${notice({
        id: this.fid('done'),
        tone: 'success',
        headingLevel: this.headingLevel + 1,
        title: msg('Le site déclarant est associé à votre espace sécurisé', { id: 'associate.done.notice' }),
        // The site's name stands alone at the sentence's end: <bdi>, not a placeholder.
        body: html`${msg('L’association de ce site déclarant avec votre espace sécurisé a bien été effectuée\u00a0:', { id: 'associate.done.body' })}
          <strong><bdi>${site ? this.siteName(site) : ''}</bdi></strong>`,
      })}
      <p class="cibtp-note">
        ${msg('Connectez-vous\u00a0: ce site apparaît désormais parmi les adhérents et sites déclarants de votre espace.', {
          id: 'associate.done.next',
        })}
      </p>
      ${this.loginLink(msg('Retour à la connexion', { id: 'common.back-to-login' }), this.loginHref)}`;
  }


  private forgotTemplate(): TemplateResult {
    return this.recovery?.({
      client: this.clients.value,
      headingLevel: this.headingLevel,
      situation: 'code',
      back: () => this.wizard.restart('company', { focus: 'forgot-code' }),
    }) ?? html``;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  private async onCompanySubmit(event: SubmitEvent): Promise<void> {
    if (companyBlocked(this.companyForm, this.clock)) {
      event.preventDefault();
      return;
    }
    const outcome = await this.companyForm.submit(event, {
      pending: () => msg('Vérification des informations du site…', { id: 'associate.company.pending' }),
      send: (client, data, call) => identifyCompany(client, data, call),
    });
    if (!outcome?.ok) return;
    this.identity = outcome.value;
    this.loginForm.clear();
    await this.wizard.go('login');
  }

  private async onLoginSubmit(event: SubmitEvent): Promise<void> {
    const outcome = await this.loginForm.submit(event, {
      pending: () => msg('Association du site en cours…', { id: 'associate.login.pending' }),
      send: (client, data, call) => associateSite(client, data, call),
      onError: (error) => this.onLoginError(error),
    });
    if (!outcome?.ok) return;
    this.associated = outcome.value;
    // The server has accepted the password: nothing needs it any more.
    this.loginForm.set('password', '');
    this.identity = undefined;
    this.status = () => msg('Association effectuée.', { id: 'associate.done.status' });
    this.dispatchEvent(new CustomEvent('cibtp-site-associated', { detail: outcome.value, bubbles: true, composed: true }));
    await this.wizard.go('done', { focus: 'heading' });
  }

  /** The ticket of step 1 ran out (or was refused): step 1 again, with why, everything typed kept. */
  private async onLoginError(error: PortalError): Promise<boolean> {
    const expired = error.code === 'link-expired' || error.code === 'link-invalid';
    const ticketRefused = error.code === 'validation' && 'ticket' in error.fields;
    if (!expired && !ticketRefused) return false;
    this.identity = undefined;
    await this.wizard.back({ focus: false });
    this.companyForm.problem = error;
    this.companyForm.problemText = () =>
      msg('Le délai pour terminer l’association est dépassé. Validez à nouveau les informations du site pour continuer.', {
        id: 'associate.expired',
      });
    this.requestUpdate();
    await this.focusId('summary');
    return true;
  }

  private async onBack(): Promise<void> {
    this.loginForm.clear();
    await this.wizard.back();
  }

  private onCancel(): void {
    this.companyForm.abort();
    if (!emit(this, 'cibtp-navigate', { to: 'login' })) return;
    const safe = safeHref(this.loginHref);
    if (safe) window.location.assign(safe);
  }

  private async onForgotCode(): Promise<void> {
    // The inline flow is fetched when asked for: a page that only signs in never loads it.
    await this.openRecovery(this.companyForm, () => this.wizard.go('forgot', { focus: false }), 'confidential-code');
  }

}
