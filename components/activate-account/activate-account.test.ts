import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './activate-account.js';
import type { CibtpActivateAccount } from './activate-account.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { $, advanceClock, button, focused, recordingClient, resetBackend, text, until } from '../shared/testing.js';

function tokenOf(link: string | undefined): string {
  return new URLSearchParams((link ?? '').split('#')[1]).get('token') ?? '';
}

async function render(token: string) {
  const { client, calls } = recordingClient();
  const el = await fixture<CibtpActivateAccount>(
    html`<cibtp-activate-account .client=${client} .token=${token}></cibtp-activate-account>`,
  );
  return { el, calls, client };
}

describe('<cibtp-activate-account>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('activates the account on load and says so', async () => {
    const token = tokenOf(mock.outbox.last({ kind: 'email', to: 'nouveau@durand-btp.fr' })?.link);
    const { client, calls } = recordingClient();
    const el = document.createElement('cibtp-activate-account');
    el.client = client;
    el.token = token;
    const activated = oneEvent(el, 'cibtp-account-activated');
    document.body.append(el);
    try {
      expect(((await activated) as CustomEvent).detail).to.deep.equal({ email: 'nouveau@durand-btp.fr', purpose: 'activation' });
      await until(() => text(el).includes('Votre compte est activé'), 'success');
      await until(() => focused() === $(el, 'h2'), 'heading focused');
      expect(calls.filter((c) => c.path.endsWith('account/activate'))).to.have.length(1);
      await expect(el).to.be.accessible();
      const login = await client.login({ email: 'nouveau@durand-btp.fr', password: 'Chantier2026!' });
      expect(login.status).to.not.equal(undefined);
    } finally {
      el.remove();
    }
  });

  it('renews an email certification with the certification wording', async () => {
    const { client } = recordingClient();
    await client.renewCertification({ email: 'certif@durand-btp.fr' });
    const { el } = await render(tokenOf(mock.outbox.last({ kind: 'email', to: 'certif@durand-btp.fr' })?.link));
    await until(() => text(el).includes('Votre adresse électronique est certifiée'), 'certified');
    expect(text(el)).to.include('Certification renouvelée');
    await expect(el).to.be.accessible();
  });

  it('an expired link: « Ce lien a expiré » and a new link on request, neutrally confirmed', async () => {
    const token = tokenOf(mock.outbox.last({ kind: 'email', to: 'nouveau@durand-btp.fr' })?.link);
    advanceClock(49 * 60 * 60_000);
    const { el } = await render(token);
    await until(() => text(el).includes('Ce lien a expiré'), 'expired');
    await expect(el).to.be.accessible();
    const before = mock.outbox.list().length;
    button(el, 'Recevoir un nouveau lien').click();
    await until(() => el.querySelector('[data-part="notice"]'), 'confirmation');
    expect(text($(el, '[data-part="notice"]'))).to.include("Si ce lien correspond à un compte, un nouveau courriel d’activation");
    expect(mock.outbox.list().length).to.equal(before + 1);
    expect(mock.outbox.last({ kind: 'email' })?.to).to.equal('nouveau@durand-btp.fr');
    await expect(el).to.be.accessible();
  });

  it('an invalid link says so and offers the login', async () => {
    const { el } = await render('abcdefghijklmnopqrstuvwxyz');
    await until(() => text(el).includes("Ce lien n’est pas valide"), 'invalid');
    expect(button(el, 'Se connecter')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a server failure offers to try again (same link, one effect)', async () => {
    mock.faults.set('activateAccount', { kind: 'server' }, { times: 1 });
    const token = tokenOf(mock.outbox.last({ kind: 'email', to: 'nouveau@durand-btp.fr' })?.link);
    const { el, calls } = await render(token);
    await until(() => text(el).includes("L’activation n’a pas abouti"), 'failed');
    expect(text(el)).to.include('Le service rencontre une difficulté temporaire.');
    button(el, 'Réessayer').click();
    await until(() => text(el).includes('Votre compte est activé'), 'activated');
    const keys = calls.filter((c) => c.path.endsWith('account/activate')).map((c) => c.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('aborts the activation when removed from the page', async () => {
    mock.faults.set('activateAccount', { kind: 'latency', ms: 400 });
    const token = tokenOf(mock.outbox.last({ kind: 'email', to: 'nouveau@durand-btp.fr' })?.link);
    const { el, calls } = await render(token);
    let events = 0;
    el.addEventListener('cibtp-account-activated', () => events++);
    await until(() => calls.some((c) => c.path.endsWith('account/activate')), 'sent');
    el.remove();
    await until(() => calls.find((c) => c.path.endsWith('account/activate'))!.signal?.aborted, 'aborted');
    expect(events).to.equal(0);
  });
});
