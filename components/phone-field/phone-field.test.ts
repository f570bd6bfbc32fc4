import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './phone-field.js';
import '../portal/portal.js';
import type { CibtpPhoneField } from './phone-field.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { setLocale } from '../shared/localization.js';
import { $, button, field, fieldError, focused, recordingClient, resetBackend, summaryEntries, text, type, until } from '../shared/testing.js';

const MOBILE = 'Téléphone mobile';

/** Renders `template` (a field, or a form holding one) and waits for the field's first render. */
async function render(template: TemplateResult): Promise<{ root: HTMLElement; el: CibtpPhoneField }> {
  const root = fixtureSync<HTMLElement>(template);
  const el = (root.localName === 'cibtp-phone-field' ? root : root.querySelector('cibtp-phone-field')) as CibtpPhoneField;
  await el.updateComplete;
  return { root, el };
}

const number = (el: ParentNode, label = MOBILE) => field(el, label);
const country = (el: ParentNode) => $<HTMLSelectElement>(el, 'select');
const hidden = (el: ParentNode) => $<HTMLInputElement>(el, 'input[type="hidden"]');
const dialog = (el: ParentNode) => $<HTMLDialogElement>(el, 'dialog');

/** Leaves the field as a user does (the number is formatted then). */
async function leave(el: CibtpPhoneField, input: HTMLInputElement): Promise<void> {
  input.focus();
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.blur();
  await el.updateComplete;
}

async function typeAndLeave(el: CibtpPhoneField, value: string, label = MOBILE): Promise<void> {
  type(number(el, label), value);
  await el.updateComplete;
  await leave(el, number(el, label));
}

async function chooseCountry(el: CibtpPhoneField, code: string): Promise<void> {
  country(el).value = code;
  country(el).dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

describe('<cibtp-phone-field>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });
  afterEach(() => setLocale('fr'));

  describe('the field', () => {
    it('defaults to France (+33), the overseas departments next; label, hint with an example; axe', async () => {
      const { el } = await render(html`<cibtp-phone-field required></cibtp-phone-field>`);
      const input = number(el);
      expect(input.type).to.equal('tel');
      expect(input.autocomplete).to.equal('tel');
      expect(input.required).to.equal(true);
      expect(input.getRootNode()).to.equal(document);
      expect(country(el).value).to.equal('FR');
      const options = [...country(el).options];
      expect(options.slice(0, 6).map((o) => o.value)).to.deep.equal(['FR', 'RE', 'YT', 'GP', 'GF', 'MQ']);
      expect(text(options[0])).to.equal('France (+33)');
      expect(options.map((o) => o.value)).to.include.members(['PT', 'PL', 'RO', 'MA', 'DZ', 'TN', 'TR', 'KM']);
      // The others by name: Algérie, Allemagne, Belgique…
      expect(text(options[6])).to.equal('Algérie (+213)');
      expect(text($(el, '.cibtp-hint'))).to.equal('Par exemple 06 12 34 56 78');
      expect(el.querySelector('label .cibtp-required')).to.exist;
      expect(country(el).labels?.length, 'the select has a label').to.equal(1);
      expect(hidden(el).name).to.equal('phone');
      await expect(el).to.be.accessible();
    });

    it('keeps its `country` attribute inside an English portal (set while the English texts load)', async () => {
      await setLocale('fr');
      const root = fixtureSync<HTMLElement>(html`<cibtp-portal base-url="/api/" locale="en"
        ><form><cibtp-phone-field name="mobile" certify country="PT"></cibtp-phone-field></form
      ></cibtp-portal>`);
      const el = root.querySelector<CibtpPhoneField>('cibtp-phone-field')!;
      await until(() => el.querySelector('select'), 'rendered in English');
      expect(country(el).value).to.equal('PT');
      expect(text($(el, 'label'))).to.match(/Mobile phone/);
    });

    it('kind="fixed": its own label and example', async () => {
      const { el } = await render(html`<cibtp-phone-field kind="fixed" name="fixe"></cibtp-phone-field>`);
      number(el, 'Téléphone fixe');
      expect(text($(el, '.cibtp-hint'))).to.equal('Par exemple 01 23 45 67 89');
      expect(hidden(el).name).to.equal('fixe');
      // A mobile given as the fixed line is accepted.
      await typeAndLeave(el, '06 12 34 56 78', 'Téléphone fixe');
      expect(el.value).to.equal('+33612345678');
      expect(fieldError(number(el, 'Téléphone fixe'))).to.equal('');
    });

    it('labels and country names follow the locale (English)', async () => {
      const { el } = await render(html`<cibtp-phone-field></cibtp-phone-field>`);
      await setLocale('en');
      await until(() => el.querySelector('label')?.textContent?.includes('Mobile phone'), 'english');
      number(el, 'Mobile phone');
      const options = [...country(el).options];
      expect(text(options[0])).to.equal('France (+33)');
      expect(text(options[1])).to.equal('Réunion (+262)');
      expect(text(options.find((o) => o.value === 'DE'))).to.equal('Germany (+49)');
      expect(text($(el, '.cibtp-hint'))).to.equal('For example 06 12 34 56 78');
      await typeAndLeave(el, '01 23 45 67 89', 'Mobile phone');
      expect(fieldError(number(el, 'Mobile phone'))).to.equal('Mobile phone: this is a landline number. Enter a mobile number');
      await expect(el).to.be.accessible();
      await setLocale('fr');
      await until(() => el.querySelector('label')?.textContent?.includes(MOBILE), 'french again');
      expect(fieldError(number(el))).to.equal('Téléphone mobile : ce numéro est un fixe, saisissez un numéro de mobile');
    });

    it('reads every way of typing a number, formats it when left, and puts E.164 in the hidden input and FormData', async () => {
      const { root, el } = await render(html`<form><cibtp-phone-field name="mobile"></cibtp-phone-field></form>`);
      const form = root as HTMLFormElement;
      for (const typed of ['06 12 34 56 78', '06.12.34.56.78', '0612345678', '6-12-34-56-78', '+33 6 12 34 56 78', '0033612345678', '+33 (0)6 12 34 56 78']) {
        type(number(el), typed);
        await el.updateComplete;
        expect(el.value, typed).to.equal('+33612345678');
        expect(new FormData(form).get('mobile'), typed).to.equal('+33612345678');
        await leave(el, number(el));
        expect(number(el).value, typed).to.equal('06 12 34 56 78');
        expect(country(el).value).to.equal('FR');
      }
      // Not a number (yet): the raw text goes to the form, for its schema to refuse; `value` is empty.
      type(number(el), '06 12');
      await el.updateComplete;
      expect(el.value).to.equal('');
      expect(new FormData(form).get('mobile')).to.equal('06 12');
      type(number(el), '');
      await el.updateComplete;
      expect(new FormData(form).get('mobile')).to.equal('');
      // Only the hidden input is named: the visible text is not sent twice.
      expect([...new FormData(form).keys()]).to.deep.equal(['mobile']);
    });

    it('a landline in a mobile field: the message names the field, and the caisse’s form refuses to submit', async () => {
      const { root, el } = await render(html`<form><cibtp-phone-field></cibtp-phone-field><button>Envoyer</button></form>`);
      await typeAndLeave(el, '01 23 45 67 89');
      const input = number(el);
      expect(fieldError(input)).to.equal('Téléphone mobile : ce numéro est un fixe, saisissez un numéro de mobile');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.validationMessage.replace(/\s+/g, ' ')).to.equal('Téléphone mobile : ce numéro est un fixe, saisissez un numéro de mobile');
      expect((root as HTMLFormElement).checkValidity()).to.equal(false);
      // What the form would send: the landline, for the host's MobileNumber schema to refuse too.
      expect(hidden(el).value).to.equal('+33123456789');
      await expect(el).to.be.accessible();
      // Corrected: the message goes as the user types.
      type(input, '07 81 23 45 67');
      await el.updateComplete;
      expect(fieldError(input)).to.equal('');
      expect((root as HTMLFormElement).checkValidity()).to.equal(true);
    });

    it('an invalid number: the message gives an example of the chosen country; required: said at submission', async () => {
      const { root, el } = await render(html`<form><cibtp-phone-field required></cibtp-phone-field></form>`);
      const form = root as HTMLFormElement;
      let submitted = 0;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted++;
      });
      // Typing alone says nothing: only leaving the field with a problem does.
      type(number(el), '06 12');
      await el.updateComplete;
      expect(fieldError(number(el))).to.equal('');
      await leave(el, number(el));
      expect(fieldError(number(el))).to.equal('Téléphone mobile : format invalide (exemple : 06 12 34 56 78)');
      await chooseCountry(el, 'PT');
      expect(fieldError(number(el))).to.equal('Téléphone mobile : format invalide (exemple : 912 345 678)');
      await expect(el).to.be.accessible();

      type(number(el), '');
      await el.updateComplete;
      form.requestSubmit();
      await el.updateComplete;
      expect(submitted).to.equal(0);
      expect(fieldError(number(el))).to.equal('Téléphone mobile : ce champ est obligatoire');
    });

    it('a national number of the chosen country; an overseas number typed with France selected selects its department', async () => {
      const { el } = await render(html`<cibtp-phone-field></cibtp-phone-field>`);
      await chooseCountry(el, 'PT');
      await typeAndLeave(el, '912345678');
      expect(el.value).to.equal('+351912345678');
      expect(number(el).value).to.equal('912 345 678');
      expect(text($(el, '.cibtp-hint'))).to.equal('Par exemple 912 345 678');

      await chooseCountry(el, 'FR');
      await typeAndLeave(el, '0692 12 34 56');
      expect(country(el).value).to.equal('RE');
      expect(el.value).to.equal('+262692123456');
    });

    it('autofill: a +351… number selects Portugal, with or without input events', async () => {
      const { el } = await render(html`<cibtp-phone-field></cibtp-phone-field>`);
      const input = number(el);
      // Chromium's autofill: the value, then input and change.
      input.value = '+351912345678';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
      expect(country(el).value).to.equal('PT');
      expect(el.value).to.equal('+351912345678');
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
      expect(number(el).value).to.equal('912 345 678');
      expect(hidden(el).value).to.equal('+351912345678');
      // A filler that sets the value silently: read when the field is left.
      input.value = '+48 512 345 678';
      await leave(el, input);
      expect(country(el).value).to.equal('PL');
      expect(el.value).to.equal('+48512345678');
    });

    it('the native input and change events bubble out, the input as their target', async () => {
      const { el } = await render(html`<cibtp-phone-field></cibtp-phone-field>`);
      const seen: string[] = [];
      el.addEventListener('input', (e) => seen.push(`input:${(e.target as HTMLElement).id === number(el).id}`));
      el.addEventListener('change', (e) => seen.push(`change:${(e.target as HTMLElement).id === number(el).id}`));
      await typeAndLeave(el, '0612345678');
      expect(seen).to.deep.equal(['input:true', 'change:true']);
    });

    it('`value`, `error`, `field-id` and `country` from a host', async () => {
      const { el } = await render(html`<cibtp-phone-field field-id="mobile-input" country="PT"></cibtp-phone-field>`);
      expect(number(el).id).to.equal('mobile-input');
      expect(country(el).value).to.equal('PT');
      el.value = '+33612345678';
      await el.updateComplete;
      expect(number(el).value).to.equal('06 12 34 56 78');
      expect(country(el).value).to.equal('FR');
      el.error = 'Téléphone mobile : message du formulaire';
      await el.updateComplete;
      expect(fieldError(number(el))).to.equal('Téléphone mobile : message du formulaire');
      expect(number(el).getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      el.error = undefined;
      await el.updateComplete;
      expect(fieldError(number(el))).to.equal('');
    });
  });

  describe('certification', () => {
    /** The field, with a valid mobile typed, inside a caisse's form that counts its submissions. */
    async function renderCertify(phone = '06 98 76 54 32') {
      const { client, calls } = recordingClient();
      const { root, el } = await render(
        html`<form><button type="button">Avant</button><cibtp-phone-field certify name="mobile" .client=${client}></cibtp-phone-field
          ><button>Envoyer</button></form>`,
      );
      const form = root as HTMLFormElement;
      let submitted = 0;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted++;
      });
      await typeAndLeave(el, phone);
      return { el, form, calls, submitted: () => submitted };
    }

    const codeInput = (el: ParentNode) => field(dialog(el), 'Code reçu par SMS');
    const smsTo = (phone: string) => mock.outbox.list().filter((m) => m.kind === 'sms' && m.to === phone);

    async function openDialog(el: CibtpPhoneField): Promise<HTMLInputElement> {
      button(el, 'Certifier').click();
      await until(() => dialog(el).open, 'dialog open');
      await until(() => dialog(el).querySelector('input[autocomplete="one-time-code"]'), 'code sent');
      const input = codeInput(el);
      await until(() => focused() === input, 'code input focused');
      return input;
    }

    it('a number the host knows to be certified shows the badge, until it changes', async () => {
      const { el } = await render(html`<cibtp-phone-field certify certified .value=${'+33612345678'}></cibtp-phone-field>`);
      expect(number(el).value).to.equal('06 12 34 56 78');
      expect(text($(el, '[data-part="certified"]'))).to.equal('✓ Numéro certifié');
      expect(el.querySelector('[data-part="certify"]')).to.equal(null);
      await expect(el).to.be.accessible();
      await typeAndLeave(el, '06 12 34 56 79');
      expect(el.certified).to.equal(false);
      expect(el.querySelector('[data-part="certify"]')).to.exist;
    });

    it('no « Certifier » without `certify`, for an invalid number, or for a landline', async () => {
      const { el } = await render(html`<cibtp-phone-field></cibtp-phone-field>`);
      await typeAndLeave(el, '06 12 34 56 78');
      expect(el.querySelector('[data-part="certify"]')).to.equal(null);
      el.certify = true;
      await el.updateComplete;
      expect(el.querySelector('[data-part="certify"]')).to.exist;
      await typeAndLeave(el, '01 23 45 67 89');
      expect(el.querySelector('[data-part="certify"]')).to.equal(null);
      await typeAndLeave(el, '06 12');
      expect(el.querySelector('[data-part="certify"]')).to.equal(null);
    });

    it('end to end: the code by SMS, a wrong code with attempts left, the right one → badge, event, focus back', async () => {
      const { el, form, calls, submitted } = await renderCertify();
      const input = await openDialog(el);
      expect(calls.filter((c) => c.path === '/api/phone/code')).to.have.length(1);
      expect(smsTo('+33698765432')).to.have.length(1);
      expect(text(dialog(el))).to.include('Certification de votre numéro de mobile');
      expect(text(dialog(el))).to.match(/Un code a été envoyé au .*32/);
      expect(text(dialog(el))).to.match(/Ce code est valable jusqu’à \d\d:\d\d/);
      expect(button(el, 'Renvoyer le code (possible dans 30 s)').disabled).to.equal(true);
      // The code is no part of the caisse's form: not sent with it, not validated by it, Enter does not submit it.
      expect(input.form).to.not.equal(form);
      expect(input.form?.contains(el)).to.equal(false);
      expect([...form.elements]).to.not.include(input);
      expect(dialog(el).querySelector('form')).to.equal(null);
      await expect(el).to.be.accessible();

      const right = smsTo('+33698765432')[0]!.code!;
      type(input, right === '000000' ? '111111' : '000000');
      button(el, 'Valider').click();
      await until(() => dialog(el).querySelector('[data-part="error-summary"]'), 'wrong code');
      expect(summaryEntries(dialog(el))).to.deep.equal(['Code reçu par SMS : code incorrect, il vous reste 2 tentatives']);
      expect(fieldError(codeInput(el))).to.equal('Code reçu par SMS : code incorrect, il vous reste 2 tentatives');
      expect(focused()).to.equal($(el, '[data-part="error-summary"]'));
      await expect(el).to.be.accessible();

      type(codeInput(el), right);
      codeInput(el).focus();
      const certified = oneEvent(el, 'cibtp-phone-certified');
      await sendKeys({ press: 'Enter' });
      const { detail } = await certified;
      expect(detail.phone).to.equal('+33698765432');
      expect(detail.certificate).to.be.a('string').and.not.equal('');
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
      expect(el.certified).to.equal(true);
      expect(el.hasAttribute('certified')).to.equal(true);
      expect(el.certificate).to.equal(detail.certificate);
      // A caisse's own form sends the certificate with the number.
      expect(new FormData(form).get('mobile-certificate')).to.equal(detail.certificate);
      expect(text($(el, '[data-part="certified"]'))).to.equal('✓ Numéro certifié');
      expect(number(el).getAttribute('aria-describedby')).to.include($(el, '[data-part="certified"]').id);
      expect(text($(el, '[data-part="status"]'))).to.equal('Numéro certifié');
      expect(el.querySelector('[data-part="certify"]')).to.equal(null);
      await until(() => focused() === number(el), 'focus back on the number');
      expect(submitted()).to.equal(0);
      await expect(el).to.be.accessible();

      // Another number: the certification is dropped, and may be asked again.
      await typeAndLeave(el, '06 98 76 54 33');
      expect(el.certified).to.equal(false);
      expect(el.hasAttribute('certified')).to.equal(false);
      expect(el.certificate).to.equal(undefined);
      expect(new FormData(form).get('mobile-certificate')).to.equal('');
      expect(el.querySelector('[data-part="certified"]')).to.equal(null);
      expect(el.querySelector('[data-part="certify"]')).to.exist;
    });

    it('Escape closes the dialog and gives the focus back to « Certifier »; reopening reuses the code sent', async () => {
      const { el } = await renderCertify('07 81 23 45 67');
      await openDialog(el);
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog(el).open, 'closed');
      await until(() => focused() === button(el, 'Certifier'), 'focus back on the button');
      expect(el.certified).to.equal(false);
      await openDialog(el);
      expect(smsTo('+33781234567')).to.have.length(1);
      button(dialog(el), 'Annuler').click();
      await until(() => !dialog(el).open, 'closed by Annuler');
      await until(() => focused() === button(el, 'Certifier'), 'focus back again');
    });

    it('keyboard only: tab to the country, the number, « Certifier », type the code, Enter', async () => {
      const { el } = await render(html`<div><button>Avant</button><cibtp-phone-field certify .client=${recordingClient().client}></cibtp-phone-field></div>`);
      $<HTMLButtonElement>(document, 'button').focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(country(el));
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(number(el));
      await sendKeys({ type: '0612345679' });
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(number(el).value).to.equal('06 12 34 56 79');
      expect(focused()).to.equal(button(el, 'Certifier'));
      await sendKeys({ press: 'Enter' });
      await until(() => dialog(el).querySelector('input[autocomplete="one-time-code"]'), 'code sent');
      await until(() => focused() === codeInput(el), 'code input focused');
      await sendKeys({ type: smsTo('+33612345679').at(-1)!.code! });
      const certified = oneEvent(el, 'cibtp-phone-certified');
      await sendKeys({ press: 'Enter' });
      await certified;
      await until(() => focused() === number(el), 'focus back');
    });

    it('every code wrong: the dialog says so and offers a new code, which works', async () => {
      const { el } = await renderCertify('06 11 22 33 44');
      await openDialog(el);
      const right = smsTo('+33611223344')[0]!.code!;
      const wrong = right === '000000' ? '111111' : '000000';
      const summaryText = () => text(dialog(el).querySelector('[data-part="error-summary"]'));
      for (const says of ['il vous reste 2 tentatives', 'il vous reste 1 tentative', 'Trop de codes incorrects. Demandez un nouveau code.']) {
        type(codeInput(el), wrong);
        button(el, 'Valider').click();
        await until(() => summaryText().includes(says), says);
      }
      await until(() => focused() === el.querySelector('[data-part="error-summary"]'), 'the summary has the focus');
      expect(dialog(el).querySelector('input[autocomplete="one-time-code"]')).to.equal(null);
      await expect(el).to.be.accessible();
      button(dialog(el), 'Recevoir un nouveau code').click();
      await until(() => dialog(el).querySelector('input[autocomplete="one-time-code"]'), 'a new code');
      expect(smsTo('+33611223344')).to.have.length(2);
      type(codeInput(el), smsTo('+33611223344')[1]!.code!);
      button(el, 'Valider').click();
      await until(() => el.certified, 'certified');
    });

    it('the code cannot be sent (network, rate limit): said in the dialog, and tried again', async () => {
      const { el } = await renderCertify('06 55 44 33 22');
      mock.faults.set('sendPhoneCode', { kind: 'network' }, { times: 1 });
      button(el, 'Certifier').click();
      await until(() => dialog(el).querySelector('[data-part="error-summary"]'), 'network error');
      expect(text($(dialog(el), '[data-part="error-summary"]'))).to.include('Impossible de joindre le service');
      await until(() => focused() === $(dialog(el), '[data-part="error-summary"]'), 'summary focused');
      await expect(el).to.be.accessible();
      button(dialog(el), 'Recevoir un nouveau code').click();
      await until(() => dialog(el).querySelector('input[autocomplete="one-time-code"]'), 'sent');

      mock.faults.set('verifyPhoneCode', { kind: 'server' }, { times: 1 });
      type(codeInput(el), smsTo('+33655443322')[0]!.code!);
      button(el, 'Valider').click();
      await until(() => dialog(el).querySelector('[data-part="error-summary"]'), 'server error');
      expect(text($(dialog(el), '[data-part="error-summary"]'))).to.include('difficulté temporaire');
      // What was typed is kept: the same code, sent again, works.
      expect(codeInput(el).value).to.equal(smsTo('+33655443322')[0]!.code!);
      button(el, 'Valider').click();
      await until(() => el.certified, 'certified after a retry');
    });

    it('while the code is being sent: the dialog says so; closing it aborts the request', async () => {
      const { el, calls } = await renderCertify('06 55 44 33 00');
      mock.faults.set('sendPhoneCode', { kind: 'latency', ms: 600_000 });
      button(el, 'Certifier').click();
      await until(() => dialog(el).open && text(dialog(el)).includes('Envoi d’un code par SMS au 06 55 44 33 00'), 'sending');
      await until(() => focused() === $(dialog(el), 'h2'), 'the dialog heading has the focus');
      await expect(el).to.be.accessible();
      // On its way (after the CSRF token, which a busy machine may still be fetching) before the dialog closes.
      await until(() => calls.some((c) => c.path === '/api/phone/code'), 'the request is sent');
      const request = calls.find((c) => c.path === '/api/phone/code');
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog(el).open, 'closed');
      await until(() => request?.signal?.aborted, 'the request is aborted');
      expect(smsTo('+33655443300')).to.have.length(0);
    });

    it('a rate limit on sending shows its countdown', async () => {
      const { el } = await renderCertify('06 55 44 33 11');
      // The mock limits the SMS one number receives: spend them, then ask once more.
      const { client } = recordingClient();
      const { sendPhoneCode } = await import('../../sdk/signup/index.js');
      for (let i = 0; i < 10; i++) {
        try {
          await sendPhoneCode(client, { phone: '+33655443311' });
        } catch {
          break;
        }
      }
      button(el, 'Certifier').click();
      await until(() => dialog(el).querySelector('[data-part="error-summary"]'), 'rate limited');
      expect(text($(dialog(el), '[data-part="error-summary"]'))).to.match(/Trop de tentatives. Vous pourrez réessayer dans \d/);
      await expect(el).to.be.accessible();
    });

    it('works in a shadow root: its code form lives there too', async () => {
      const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      const outer = document.createElement('form');
      const el = document.createElement('cibtp-phone-field');
      el.certify = true;
      el.client = recordingClient().client;
      outer.append(el);
      shadow.append(outer);
      await el.updateComplete;
      type(field(el, MOBILE), '06 44 33 22 11');
      await leave(el, field(el, MOBILE));
      button(el, 'Certifier').click();
      await until(() => el.querySelector('input[autocomplete="one-time-code"]'), 'code sent');
      const input = el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
      expect(input.form?.getRootNode()).to.equal(shadow);
      expect(input.form).to.not.equal(outer);
      type(input, smsTo('+33644332211')[0]!.code!);
      input.form!.requestSubmit();
      await until(() => el.certified, 'certified');
    });
  });
});
