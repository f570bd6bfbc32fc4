import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import './confirm-delegation.js';
import type { CibtpConfirmDelegation } from './confirm-delegation.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { LIMITS } from '../../mock-server/index.js';
import type { PortalError } from '../../sdk/errors.js';
import type { DelegationRights } from '../../sdk/schemas/rights.js';
import {
  $, advanceClock, button, focused, headingText, inEnglish, recordingClient, resetBackend, text, until, type RecordedCall,
} from '../shared/testing.js';
import {
  FIRM, FIRM_PASSWORD, FIRM_RIGHTS, completeFirmAccount, delegateToFirm, signedInAdmin, today,
} from '../complete-account/test-support.js';

const TITLE = 'Confirmer la délégation à votre cabinet comptable';

/** Text as read, without the isolation marks around the server's names (FSI…PDI). */
const plain = (node: Node | null | undefined) => text(node).replace(/[\u2068\u2069]/g, '');

async function render(token: string | undefined) {
  const { client, calls } = recordingClient();
  const el = await fixture<CibtpConfirmDelegation>(html`<cibtp-confirm-delegation .client=${client} .token=${token}></cibtp-confirm-delegation>`);
  return { el, calls, client };
}

/** The administrator's link, once the firm has completed its account. */
async function confirmationToken(mock: RunningMockWorker): Promise<string> {
  return completeFirmAccount(mock, await delegateToFirm(mock));
}

async function renderLoaded(mock: RunningMockWorker) {
  const rendered = await render(await confirmationToken(mock));
  await until(() => rendered.el.querySelector('[data-part="confirm"]'), 'the delegation');
  return rendered;
}

const confirmations = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === 'POST' && c.path.endsWith('/delegations/confirm'));

/** « 12 mars 2026 », as the widget writes a day. */
const longDay = (day: string, locale = 'fr') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

describe('<cibtp-confirm-delegation>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('shows what is confirmed: the firm, its address, the company, its identifiant, the dates and the rights', async () => {
    const { el } = await renderLoaded(mock);
    expect(headingText(el)).to.equal(TITLE);
    const details = [...$(el, '[data-part="details"]').children].map((node) => text(node));
    expect(details).to.deep.equal([
      'Cabinet comptable', FIRM.name,
      'Adresse électronique du cabinet', FIRM.email,
      'Entreprise', 'DURAND BTP',
      'Identifiant CIBTP', '100234567',
      'Date d’effet', longDay(today()),
      'Date de fin', 'Aucune (jusqu’à la suppression de la délégation)',
    ]);
    expect(plain($(el, '[data-part="intro"]'))).to.include(`Le cabinet comptable ${FIRM.name} a complété son compte.`);
    const matrix = $<HTMLElement & { value?: DelegationRights }>(el, '[data-part="rights"] cibtp-rights-matrix');
    expect(matrix.hasAttribute('readonly'), 'read-only').to.equal(true);
    expect(matrix.value).to.deep.equal(FIRM_RIGHTS);
    expect(text($(el, '[data-part="rights"]'))).to.include('Droits délégués');
    await expect(el).to.be.accessible();
  });

  it('confirms: the delegation is active, said and announced, and the firm can sign in', async () => {
    const { el, calls } = await renderLoaded(mock);
    const confirmed = oneEvent(el, 'cibtp-delegation-confirmed');
    button(el, 'Confirmer la délégation').click();
    const { delegation } = (await confirmed).detail;
    expect(delegation.status).to.equal('active');
    expect(delegation.email).to.equal(FIRM.email);
    await until(() => headingText(el) === 'Délégation confirmée', 'the end screen');
    expect(plain($(el, '[data-part="notice"]'))).to.equal(`La délégation à ${FIRM.name} est active. Le cabinet peut désormais se connecter.`);
    await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
    expect(text($(el, '[data-part="status"]'))).to.equal('La délégation est active.');
    expect(confirmations(calls)).to.have.length(1);
    expect(confirmations(calls)[0]!.idempotencyKey).to.be.a('string');
    await expect(el).to.be.accessible();
    const navigate = oneEvent(el, 'cibtp-navigate');
    button(el, 'Gérer les droits d’accès').click();
    expect((await navigate).detail).to.deep.equal({ to: 'delegations' });

    const firm = recordingClient().client;
    const login = await firm.login({ email: FIRM.email, password: FIRM_PASSWORD });
    expect(login.status === 'signed-in' && login.session.tiers?.raisonSociale).to.equal('DURAND BTP');
  });

  it('a date d’effet ahead: confirmed, and the firm may sign in from that day', async () => {
    const start = today(3);
    const { el } = await render(await completeFirmAccount(mock, await delegateToFirm(mock, { effectiveDate: start })));
    await until(() => el.querySelector('[data-part="confirm"]'), 'the delegation');
    expect(text($(el, '[data-part="details"]'))).to.include(longDay(start));
    button(el, 'Confirmer la délégation').click();
    await until(() => headingText(el) === 'Délégation confirmée', 'the end screen');
    expect(plain($(el, '[data-part="notice"]'))).to.equal(
      `La délégation à ${FIRM.name} est confirmée. Le cabinet pourra se connecter à partir du ${longDay(start)}.`,
    );
    expect(text($(el, '[data-part="status"]'))).to.equal('La délégation est confirmée.');
  });

  it('before the confirmation the firm cannot act for the member; the list shows the delegation awaiting it', async () => {
    await confirmationToken(mock);
    const refused = await recordingClient().client.login({ email: FIRM.email, password: FIRM_PASSWORD }).then(
      () => 'signed in',
      (error: PortalError) => error.code,
    );
    expect(refused).to.equal('forbidden');
    const admin = await signedInAdmin();
    const overview = await admin.delegationsOverview(undefined);
    expect(overview.cabinet?.delegation?.awaitingConfirmation).to.equal(true);
  });

  it('reads the token from the address bar and removes it from there', async () => {
    const token = await confirmationToken(mock);
    history.replaceState(null, '', `${location.pathname}${location.search}#action=confirm-delegation&token=${token}`);
    const { el } = await render(undefined);
    expect(el.token).to.equal(token);
    expect(location.hash).to.equal('');
    await until(() => el.querySelector('[data-part="confirm"]'), 'the delegation');
  });

  it('while the delegation loads: the heading, a progress line, the region busy', async () => {
    const token = await confirmationToken(mock);
    mock.faults.set('delegationConfirmation', { kind: 'latency', ms: 1500 });
    const { el } = await render(token);
    expect(headingText(el)).to.equal(TITLE);
    expect(text(el)).to.include('Chargement de la délégation');
    expect(el.querySelector('[aria-busy="true"]')).to.exist;
    await expect(el).to.be.accessible();
    await until(() => el.querySelector('[data-part="confirm"]'), 'loaded');
  });

  it('without a token, or an unknown one: not valid, and a way to the login', async () => {
    for (const token of [undefined, 'A'.repeat(43)]) {
      const { el, calls } = await render(token);
      await until(() => headingText(el) === 'Ce lien n’est pas valide', `invalid ${String(token)}`);
      expect(el.querySelector('[data-part="confirm"]')).to.equal(null);
      expect(text(el)).to.include('Gérer les droits d’accès');
      await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
      if (!token) expect(calls).to.have.length(0);
      await expect(el).to.be.accessible();
      const navigate = oneEvent(el, 'cibtp-navigate');
      button(el, 'Se connecter').click();
      expect((await navigate).detail).to.deep.equal({ to: 'login' });
    }
  });

  it('an expired link says so', async () => {
    const token = await confirmationToken(mock);
    advanceClock(LIMITS.activationLinkTtl + 60_000);
    const { el } = await render(token);
    await until(() => headingText(el) === 'Ce lien a expiré', 'expired');
    expect(el.querySelector('[data-part="confirm"]')).to.equal(null);
    expect(button(el, 'Se connecter')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('the link expires while shown: confirming says so', async () => {
    const { el, calls } = await renderLoaded(mock);
    advanceClock(LIMITS.activationLinkTtl + 60_000);
    button(el, 'Confirmer la délégation').click();
    await until(() => headingText(el) === 'Ce lien a expiré', 'expired');
    expect(confirmations(calls)).to.have.length(1);
    await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
  });

  it('a link already used: not valid', async () => {
    const token = await confirmationToken(mock);
    await recordingClient().client.confirmDelegation({ token });
    const { el } = await render(token);
    await until(() => headingText(el) === 'Ce lien n’est pas valide', 'used');
    expect(el.querySelector('[data-part="confirm"]')).to.equal(null);
  });

  it('a failed confirmation says why and can be tried again, with the same Idempotency-Key', async () => {
    const { el, calls } = await renderLoaded(mock);
    mock.faults.set('confirmDelegation', { kind: 'network' }, { times: 1 });
    button(el, 'Confirmer la délégation').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'the failure');
    expect(text($(el, '[data-part="error-summary"]'))).to.include('Impossible de joindre le service');
    await until(() => focused() === $(el, '[data-part="error-summary"]'), 'the summary has the focus');
    await expect(el).to.be.accessible();
    button(el, 'Confirmer la délégation').click();
    await until(() => headingText(el) === 'Délégation confirmée', 'confirmed');
    const sent = confirmations(calls);
    expect(sent.length).to.be.at.least(2);
    expect(new Set(sent.map((c) => c.idempotencyKey)).size).to.equal(1);
  });

  it('one confirmation at a time: a second click while the first runs sends nothing more', async () => {
    const { el, calls } = await renderLoaded(mock);
    mock.faults.set('confirmDelegation', { kind: 'latency', ms: 800 });
    button(el, 'Confirmer la délégation').click();
    await until(() => $(el, '[data-part="confirm"]').getAttribute('aria-disabled') === 'true', 'pending');
    expect(el.querySelector('[aria-busy="true"]')).to.exist;
    button(el, 'Confirmer la délégation').click();
    await until(() => headingText(el) === 'Délégation confirmée', 'confirmed');
    expect(confirmations(calls)).to.have.length(1);
  });

  it('in English', async () => {
    const { el } = await renderLoaded(mock);
    await inEnglish(el, { en: 'Confirm the delegation to your accounting firm', fr: TITLE }, async () => {
      expect(text($(el, '[data-part="details"]'))).to.include('CIBTP identifier');
      expect(text($(el, '[data-part="details"]'))).to.include(longDay(today(), 'en'));
      expect(text($(el, '[data-part="confirm"]'))).to.equal('Confirm the delegation');
      await expect(el).to.be.accessible();
    });
  });

  describe('on a phone (375 and 320 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    for (const width of [375, 320]) it(`the details reflow: nothing scrolls sideways (${width} px)`, async () => {
      await setViewport({ width, height: 800 });
      const { el } = await renderLoaded(mock);
      const page = document.documentElement;
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      expect(el.getBoundingClientRect().right).to.be.at.most(width);
    });
  });
});
