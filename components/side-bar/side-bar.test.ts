import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './side-bar.js';
import '../portal/portal.js';
import type { CibtpSideBar } from './side-bar.component.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import type { NavigateDetail } from '../shared/routes.js';
import { setLocale } from '../shared/localization.js';
import { $, focused, recordingClient, resetBackend, text, until } from '../shared/testing.js';

const LABELS = ['Contacter ma caisse', 'Questions-Réponses', 'Aide de la page', 'Nouveautés', 'Tutoriel de la page'];

async function render(bar: TemplateResult = html`<cibtp-side-bar></cibtp-side-bar>`, routes = '{}') {
  const { client } = recordingClient();
  const portal = await fixture<CibtpPortal>(html`<cibtp-portal .client=${client} routes=${routes}>${bar}</cibtp-portal>`);
  const el = $<CibtpSideBar>(portal, 'cibtp-side-bar');
  await el.updateComplete;
  return { portal, el };
}

const links = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-part="link"]')];

/** The accessible name of a link made of text only (its icon is aria-hidden). */
const nameOf = (link: Element) => text(link);

const tooltip = (link: HTMLElement) => link.parentElement!.querySelector<HTMLElement>('[data-part="tooltip"]')!;

describe('<cibtp-side-bar>', () => {
  beforeEach(async () => {
    await resetBackend();
  });

  it('a named navigation landmark listing the five functions of the guides, each an icon and its label', async () => {
    const { el } = await render();
    const nav = $(el, 'nav');
    expect(nav.getAttribute('aria-label')).to.equal('Fonctions complémentaires');
    expect(nav.dataset['part']).to.equal('bar');
    expect(links(el).map(nameOf)).to.deep.equal(LABELS);
    for (const link of links(el)) {
      expect(link.localName).to.equal('button');
      expect(link.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
      expect(link.getBoundingClientRect().height).to.be.at.least(44);
    }
    // Vertical: one under the other.
    const [first, second] = links(el);
    expect(second!.getBoundingClientRect().top).to.be.at.least(first!.getBoundingClientRect().bottom - 1);
    expect(el.shadowRoot?.querySelector('[part="card"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('each link fires cibtp-navigate with its destination', async () => {
    const { el } = await render();
    const expected = ['contact', 'faq', 'page-help', 'news', 'tutorial'];
    for (const [i, link] of links(el).entries()) {
      const event = oneEvent(el, 'cibtp-navigate');
      link.click();
      expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: expected[i] });
    }
  });

  it('with routes: real links to the caisse’s URLs; a javascript: URL is never bound', async () => {
    const { portal, el } = await render(undefined, '{"contact": "/contact", "faq": "https://caisse.example/faq", "news": "javascript:alert(1)"}');
    const [contact, faq, help, news] = links(el);
    expect(contact!.localName).to.equal('a');
    expect(contact!.getAttribute('href')).to.equal('/contact');
    expect(faq!.getAttribute('href')).to.equal('https://caisse.example/faq');
    expect(help!.localName).to.equal('button');
    expect(news!.localName).to.equal('button');
    expect(el.querySelector('[href^="javascript"]')).to.equal(null);
    portal.addEventListener('cibtp-navigate', (e) => e.preventDefault(), { once: true });
    const before = location.href;
    const event = oneEvent(el, 'cibtp-navigate');
    contact!.click();
    expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'contact' });
    expect(location.href).to.equal(before);
    await expect(el).to.be.accessible();
  });

  describe('compact', () => {
    it('icons only, each link still named by its label (visually hidden)', async () => {
      const { el } = await render(html`<cibtp-side-bar compact></cibtp-side-bar>`);
      expect(links(el).map(nameOf)).to.deep.equal(LABELS);
      for (const link of links(el)) {
        const label = link.querySelector('.cibtp-visually-hidden')!;
        expect(text(label)).to.not.equal('');
        expect(label.getBoundingClientRect().width).to.be.at.most(1);
        expect(link.getBoundingClientRect().width).to.be.at.least(44);
        expect(tooltip(link).hidden).to.equal(true);
      }
      await expect(el).to.be.accessible();
    });

    it('a tooltip shows the label on focus, and Escape hides it without moving the focus', async () => {
      const { el } = await render(html`<button type="button">avant</button><cibtp-side-bar compact></cibtp-side-bar>`);
      el.parentElement!.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      const [contact, faq] = links(el);
      expect(focused()).to.equal(contact);
      await el.updateComplete;
      const tip = tooltip(contact!);
      expect(tip.hidden).to.equal(false);
      expect(text(tip)).to.equal('Contacter ma caisse');
      // The link is already named: the tooltip is not read a second time.
      expect(tip.getAttribute('aria-hidden')).to.equal('true');
      expect(tip.getBoundingClientRect().width).to.be.greaterThan(20);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(tip.hidden).to.equal(true);
      expect(focused()).to.equal(contact);
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(faq);
      await el.updateComplete;
      expect(tooltip(faq!).hidden).to.equal(false);
      expect(tip.hidden).to.equal(true);
    });

    it('a tooltip shows on hover and stays while the pointer is on it', async () => {
      const { el } = await render(html`<cibtp-side-bar compact></cibtp-side-bar>`);
      const [contact] = links(el);
      const item = contact!.parentElement!;
      item.dispatchEvent(new PointerEvent('pointerenter'));
      await el.updateComplete;
      const tip = tooltip(contact!);
      expect(tip.hidden).to.equal(false);
      // The pointer leaves the icon for the tooltip (inside the same item): it stays.
      tip.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
      await el.updateComplete;
      expect(tip.hidden).to.equal(false);
      item.dispatchEvent(new PointerEvent('pointerleave'));
      await until(() => tip.hidden, 'hidden once the pointer has left');
    });
  });

  it('on a 320-px-wide page, the bar does not make the page scroll sideways', async () => {
    const { portal, el } = await render();
    portal.style.cssText = 'display: block; width: 320px; overflow: auto';
    await el.updateComplete;
    expect(portal.scrollWidth).to.equal(portal.clientWidth);
  });

  it('in English', async () => {
    const { el } = await render();
    try {
      await setLocale('en');
      await until(() => $(el, 'nav').getAttribute('aria-label') === 'Additional functions', 'english');
      expect(links(el).map(nameOf)).to.deep.equal(['Contact my fund', 'Questions and answers', 'Help for this page', 'What’s new', 'Tutorial for this page']);
    } finally {
      await setLocale('fr');
    }
    await until(() => $(el, 'nav').getAttribute('aria-label') === 'Fonctions complémentaires', 'french again');
  });
});
