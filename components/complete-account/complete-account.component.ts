import { localized } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { passwordPolicy } from '../../sdk/auth/index.js';
import type { PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import { completeAccount, invitation } from '../../sdk/rights/invitation.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../sdk/rules/password.js';
import { CompleteAccountRequest, completeAccountRequest, type Invitation } from '../../sdk/schemas/invitation.js';
import { AccountFields, confirmations, holderFields, passwordFields, phoneFormField } from '../shared/account-fields.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import { button, formActions, formShell, heading, requiredNote, textField } from '../shared/fields.js';
import { linkProblemOf, linkProblemTitle } from '../shared/link-problem.js';
import { readLinkToken } from '../shared/link-token.js';
import { ensureDefined } from '../shared/lazy.js';
import { msg, str } from '../shared/localization.js';
import { errorMessage, isolate } from '../shared/messages.js';
import { toPortalError } from '../shared/request-controller.js';
import { completeAccountStyles } from './complete-account.styles.js';

/**
 * *Compléter son compte*: the accounting firm follows the link of the email it received when a member
 * company delegated rights to it (`#action=complete-account&token=…`). The widget shows who delegates
 * (« L’entreprise DURAND BTP vous a délégué des droits d’accès… »), the firm's address (read-only: it is
 * the login), and asks for the password and its confirmation under the caisse's policy (a live
 * checklist), the account holder's nom and prénom, and optional phones (the mobile certifiable by SMS).
 * *Valider* completes the account (`completeAccount`): « Finalisation de l’ouverture d’une délégation »
 * says that the member's administrator was asked to confirm — the firm's access is active only then.
 *
 * Without a `token`, the widget reads it once from the address bar and removes it from there
 * (`readLinkToken('complete-account')`). A missing, unknown, used or expired link says so, and shows no
 * form. The invitation is loaded through `@lit/task` with its `AbortSignal` (aborted when the widget
 * leaves the page, loaded again if it comes back); the password and phone fields are fetched with it.
 *
 * Rendering is in the light DOM, like every widget of the kit (see `<cibtp-login>`): the password,
 * name and phone inputs are native inputs in a native `<form>` (with a hidden `autocomplete="username"`
 * input holding the address, so that a password manager files the new password under it). Only the
 * frame is in the shadow root (`cibtp-complete-account::part(card)`); the other parts are `data-part`
 * attributes. The password inputs are a `<cibtp-password-field confirm>` and the phones two
 * `<cibtp-phone-field>`s, styled through their own data parts (`password-toggle`, `password-rules`, `phone`…).
 *
 * @summary The accounting firm completes its account from the delegation link.
 *
 * @fires cibtp-account-completed - `CustomEvent<{ email: string }>`: the account is complete; the
 *   member's administrator was asked to confirm the delegation.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' }>`, cancelable: « Se connecter » under a link
 *   that cannot be used.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-complete-account::part(card)`).
 * @datapart heading - The heading of the current state.
 * @datapart intro - Who delegates, above the form.
 * @datapart form - The `<form>`.
 * @datapart section - A titled group of the form (login, contact).
 * @datapart email - The firm's address, read-only.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart information - The notice on the messages the caisse sends.
 * @datapart submit - The submit button of the form.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart notice - The box of the end screen.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints, notes, progress and the checklist.
 * @cssproperty --cibtp-color-background - Background of the card, inputs and boxes.
 * @cssproperty --cibtp-color-surface - Background of the information notice.
 * @cssproperty --cibtp-color-border - Borders of the card and inputs.
 * @cssproperty --cibtp-color-primary - Buttons, links and the notice's edge.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - Success box and met password rules.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the widget grows.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons.
 *
 * @example
 * ```html
 * <!-- The page the email's link opens: https://caisse.example/espace#action=complete-account&token=… -->
 * <cibtp-complete-account base-url="/api/"></cibtp-complete-account>
 * ```
 */
@localized()
export class CibtpCompleteAccount extends CibtpElement {
  static override styles = completeAccountStyles;

  /** The token of the delegation link; read from `#action=complete-account&token=…` when not set. */
  @property() token?: string | undefined;

  /** The caisse's password policy, served by its backend with the invitation (the default until then, or if it cannot be had). */
  @state() private policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY;
  private policyKnown = false;
  private policySchema: { policy: PasswordPolicy; schema: ReturnType<typeof completeAccountRequest> } | undefined;

  /** The link turned out expired or spent while the form was shown. */
  @state() private linkProblem: PortalError | undefined;
  /** The account is complete (the end screen). */
  @state() private completed = false;

  private readonly loading = new Task<readonly [PortalCore | undefined, string | undefined], Invitation>(this, {
    args: () => [this.clients.value, this.token] as const,
    task: async ([client, token], { signal }) => {
      if (!token) throw new PortalError('link-invalid');
      if (!client) throw this.clients.missing();
      try {
        const [found] = await Promise.all([
          invitation(client, { token }, { signal }),
          ensureDefined('cibtp-password-field', () => import('../password-field/password-field.js')),
          ensureDefined('cibtp-phone-field', () => import('../phone-field/phone-field.js')),
          this.loadPolicy(client, signal),
        ]);
        return found;
      } catch (error) {
        throw toPortalError(error);
      }
    },
    onError: (error) => {
      // The heading changed (a link that cannot be used, a failure): the focus follows it. The task sets
      // its status and asks for the render after this callback: the focus moves once that render is done.
      if (this.isConnected && toPortalError(error).code !== 'aborted') queueMicrotask(() => void this.focusId('heading'));
    },
  });

  private readonly account = new AccountFields(this, {
    id: (name) => this.fid(name),
    client: () => this.clients.value,
    policy: () => this.policy,
  });

  private readonly form = this.createForm({
    fields: [...passwordFields(), ...holderFields(), phoneFormField('fixedPhone'), phoneFormField('mobilePhone')],
    schema: () => this.schema(),
    extra: (): Record<string, unknown> => ({ token: this.token ?? '', mobileCertificate: this.account.certificate(this.form, 'mobilePhone') }),
    check: (values) => confirmations(values, [['password', 'passwordConfirmation']]),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = readLinkToken('complete-account')?.token;
    // Put back on the page after an aborted load: load again.
    if (this.loading.status === TaskStatus.ERROR && toPortalError(this.loading.error).code === 'aborted') void this.loading.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loading.status === TaskStatus.PENDING) this.loading.abort();
  }

  /** The caisse's policy, asked with the invitation; without it the common bounds apply and the server decides. */
  private async loadPolicy(client: PortalCore, signal: AbortSignal): Promise<void> {
    if (this.policyKnown) return;
    try {
      this.policy = await passwordPolicy(client, { signal });
      this.policyKnown = true;
    } catch {
      // The checklist keeps the default policy; an abort is the invitation's to report.
    }
  }

  private schema(): ReturnType<typeof completeAccountRequest> | typeof CompleteAccountRequest {
    if (!this.policyKnown) return CompleteAccountRequest;
    if (this.policySchema?.policy !== this.policy) this.policySchema = { policy: this.policy, schema: completeAccountRequest(this.policy) };
    return this.policySchema.schema;
  }

  protected override render(): TemplateResult {
    // A plain wrapper, for `aria-busy` over the whole region while the invitation loads.
    return html`<div aria-busy=${this.loading.status === TaskStatus.PENDING ? 'true' : 'false'}>${super.render()}</div>`;
  }

  protected override stepTemplate(): TemplateResult {
    if (this.completed) return this.doneTemplate();
    if (this.linkProblem) return this.linkProblemTemplate(this.linkProblem);
    return this.loading.render({
      initial: () => this.pendingTemplate(),
      pending: () => this.pendingTemplate(),
      complete: (found) => this.formTemplate(found),
      error: (error) => this.errorTemplate(toPortalError(error)),
    });
  }

  private formTitle(): string {
    return msg('Ouverture de délégation', { id: 'complete-account.title' });
  }

  private pendingTemplate(): TemplateResult {
    return html`${this.headingTemplate(this.formTitle())}
      <p class="cibtp-progress">${msg('Chargement de votre invitation, veuillez patienter…', { id: 'complete-account.progress' })}</p>`;
  }

  private errorTemplate(error: PortalError): TemplateResult {
    if (error.code === 'aborted') return this.pendingTemplate();
    const link = linkProblemOf(error);
    if (link) return this.linkProblemTemplate(link);
    return html`${this.headingTemplate(msg('Votre invitation n’a pas pu être chargée', { id: 'complete-account.failed.title' }))}
      <p class="cibtp-note">${errorMessage(error)}</p>
      <p>${button({ variant: 'primary', label: msg('Réessayer', { id: 'common.retry' }), onClick: () => void this.loading.run() })}</p>`;
  }

  private linkProblemTemplate(problem: PortalError): TemplateResult {
    return html`${this.headingTemplate(linkProblemTitle(problem))}
      <p class="cibtp-note">
        ${problem.code === 'link-expired'
          ? msg('Par sécurité, le lien d’ouverture d’une délégation n’est valable que pour une durée limitée. Demandez à l’entreprise qui vous a délégué ses droits de vous adresser une nouvelle délégation.', {
              id: 'complete-account.link.expired.body',
            })
          : msg('Ce lien est incomplet ou a déjà été utilisé. Vérifiez que vous avez ouvert le dernier lien reçu, en entier. Si vous avez déjà complété votre compte, vous pourrez vous connecter dès que l’entreprise aura confirmé la délégation.', {
              id: 'complete-account.link.invalid.body',
            })}
      </p>
      ${this.loginLink()}`;
  }

  private intro(found: Invitation): string {
    const company = isolate(found.company);
    return found.cabinet
      ? msg(str`L’entreprise ${company} vous a délégué des droits d’accès à son espace sécurisé, en tant que cabinet comptable ${isolate(found.cabinet)}. Pour finaliser votre inscription, complétez les informations ci-dessous.`, {
          id: 'complete-account.intro.cabinet',
        })
      : msg(str`L’entreprise ${company} vous a délégué des droits d’accès à son espace sécurisé. Pour finaliser votre inscription, complétez les informations ci-dessous.`, {
          id: 'complete-account.intro',
        });
  }

  private section(legend: string, body: TemplateResult): TemplateResult {
    return html`<fieldset class="cibtp-fieldset" data-part="section">
      <legend class="cibtp-legend">${legend}</legend>
      ${body}
    </fieldset>`;
  }

  private formTemplate(found: Invitation): TemplateResult {
    const form = this.form;
    return html`${this.headingTemplate(this.formTitle())}
      <p class="cibtp-lead" data-part="intro">${this.intro(found)}</p>
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onSubmit,
        body: html`${heading(this.headingLevel + 1, this.fid('form-title'), msg('Informations de contact et de connexion', { id: 'complete-account.form.title' }), 'cibtp-subheading')}
          ${requiredNote()}
          ${this.section(msg('Informations de connexion', { id: 'complete-account.section.login' }), html`
            <dl class="cibtp-readonly" data-part="email">
              <dt>${msg('Adresse électronique', { id: 'complete-account.email.label' })}</dt>
              <dd><bdi>${found.email}</bdi></dd>
              <dd class="cibtp-hint">${msg('Votre identifiant de connexion, choisi par l’entreprise\u00a0: il ne peut pas être modifié ici.', { id: 'complete-account.email.hint' })}</dd>
            </dl>
            <input type="text" name="username" autocomplete="username" .value=${found.email} hidden />
            ${this.account.password(form)}`)}
          ${this.section(msg('Informations de contact', { id: 'complete-account.section.contact' }), html`
            ${textField({ ...form.bind('lastName'), autocomplete: 'family-name', required: true })}
            ${textField({ ...form.bind('firstName'), autocomplete: 'given-name', required: true })}
            ${this.account.phone(form, 'fixedPhone')}
            ${this.account.phone(form, 'mobilePhone')}
            <p class="cibtp-note">
              ${msg('Vous pouvez certifier votre téléphone mobile avec le code qui vous sera envoyé par SMS (bouton «\u00a0Certifier\u00a0»).', { id: 'complete-account.mobile.note' })}
            </p>`)}
          <p class="cibtp-information" data-part="information">
            ${msg('Je suis informé que je suis susceptible de recevoir à cette adresse, quelques fois par an, des informations réglementaires et pratiques ainsi que des actualités de la caisse.', {
              id: 'complete-account.information',
            })}
          </p>
          ${formActions({ submit: msg('Valider', { id: 'common.validate' }), pending: form.pending })}`,
      })}`;
  }

  private doneTemplate(): TemplateResult {
    return html`${this.headingTemplate(msg('Finalisation de l’ouverture d’une délégation', { id: 'complete-account.done.title' }))}
      ${this.successNotice(
        'done',
        msg('Merci d’avoir finalisé l’ouverture de la délégation.', { id: 'complete-account.done.notice' }),
        msg('Un courriel de demande de confirmation de votre délégation vient d’être envoyé à l’administrateur. Votre compte sera définitivement actif une fois que l’administrateur aura validé votre délégation.', {
          id: 'complete-account.done.body',
        }),
      )}`;
  }

  /** What the server refused: the link (no form any more), a certificate (said on the mobile), else the generic display. */
  private async onServerError(error: PortalError): Promise<boolean> {
    const link = linkProblemOf(error);
    if (link) {
      this.linkProblem = link;
      this.status = undefined;
      await this.focusId('heading');
      return true;
    }
    if (error.code === 'validation' && error.fields['mobileCertificate']) {
      const { mobileCertificate: _certificate, ...fields } = error.fields;
      await this.form.fail(new PortalError('validation', { fields: { ...fields, mobilePhone: 'not-certified' } }));
      return true;
    }
    return false;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    const email = this.loading.value?.email ?? '';
    const outcome = await this.form.submit(event, {
      pending: () => msg('Enregistrement de vos informations…', { id: 'complete-account.pending' }),
      send: (client, data, call) => completeAccount(client, data, call),
      onError: (error) => this.onServerError(error),
    });
    if (!outcome?.ok) return;
    // The server has the password: nothing here needs it any more.
    this.form.set('password', '');
    this.form.set('passwordConfirmation', '');
    this.completed = true;
    this.status = () => msg('Votre compte est complété. L’administrateur de l’entreprise doit maintenant confirmer la délégation.', { id: 'complete-account.done.status' });
    emit(this, 'cibtp-account-completed', { email });
    await this.focusId('heading');
  }
}
