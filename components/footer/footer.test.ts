import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './footer.js';
import '../portal/portal.js';
import type { CibtpFooter } from './footer.component.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import type { NavigateDetail } from '../shared/routes.js';
import { setLocale } from '../shared/localization.js';
import { $, recordingClient, resetBackend, text, until } from '../shared/testing.js';

async function render(routes = '{}') {
  const { client } = recordingClient();
  const portal = await fixture<CibtpPortal>(html`<cibtp-portal .client=${client} routes=${routes}><cibtp-footer></cibtp-footer></cibtp-portal>`);
  const el = $<CibtpFooter>(portal, 'cibtp-footer');
  await el.updateComplete;
  return { portal, el };
}

const links = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-part="link"]')];

describe('<cibtp-footer>', () => {
  beforeEach(async () => {
    await resetBackend();
  });

  it('a named navigation landmark with the three legal links, on one line', async () => {
    const { el } = await render();
    const nav = $(el, 'nav');
    expect(nav.getAttribute('aria-label')).to.equal('Informations légales');
    expect($(nav, '[data-part="links"]').localName).to.equal('ul');
    expect(links(el).map((l) => text(l))).to.deep.equal([
      'Mentions légales', 'Protection des données personnelles', 'Conditions générales d’utilisation',
    ]);
    const tops = links(el).map((l) => Math.round(l.getBoundingClientRect().top));
    expect(new Set(tops).size, 'inline').to.equal(1);
    for (const link of links(el)) expect(link.getBoundingClientRect().height).to.be.at.least(44);
    expect(el.shadowRoot?.querySelector('[part="card"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('each link fires cibtp-navigate with its destination', async () => {
    const { el } = await render();
    const expected = ['legal-notice', 'data-protection', 'terms'];
    for (const [i, link] of links(el).entries()) {
      expect(link.localName).to.equal('button');
      const event = oneEvent(el, 'cibtp-navigate');
      link.click();
      expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: expected[i] });
    }
  });

  it('with routes: real links to the caisse’s pages; a javascript: URL is never bound', async () => {
    const { portal, el } = await render('{"legal-notice": "/mentions-legales", "data-protection": "/donnees-personnelles", "terms": "javascript:alert(1)"}');
    const [legal, data, terms] = links(el);
    expect(legal!.localName).to.equal('a');
    expect(legal!.getAttribute('href')).to.equal('/mentions-legales');
    expect(data!.getAttribute('href')).to.equal('/donnees-personnelles');
    expect(terms!.localName).to.equal('button');
    expect(el.querySelector('[href^="javascript"]')).to.equal(null);
    portal.addEventListener('cibtp-navigate', (e) => e.preventDefault(), { once: true });
    const before = location.href;
    const event = oneEvent(el, 'cibtp-navigate');
    legal!.click();
    expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'legal-notice' });
    expect(location.href).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('on a 320-px-wide page the links wrap, and the page does not scroll sideways', async () => {
    const { portal, el } = await render();
    portal.style.cssText = 'display: block; width: 320px; overflow: auto';
    await el.updateComplete;
    const tops = links(el).map((l) => Math.round(l.getBoundingClientRect().top));
    expect(new Set(tops).size, 'wrapped').to.be.greaterThan(1);
    expect(portal.scrollWidth).to.equal(portal.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('in English', async () => {
    const { el } = await render();
    try {
      await setLocale('en');
      await until(() => $(el, 'nav').getAttribute('aria-label') === 'Legal information', 'english');
      expect(links(el).map((l) => text(l))).to.deep.equal(['Legal notice', 'Personal data protection', 'Terms of use']);
    } finally {
      await setLocale('fr');
    }
    await until(() => text(links(el)[0]) === 'Mentions légales', 'french again');
  });
});
