import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { PORTAL_ERROR_CODES, PortalError } from '../../sdk/index.js';
import { define } from './define.js';
import { readLinkToken } from './link-token.js';
import { templates } from './locales/en.js';
import { errorMessage } from './messages.js';
import { getLocale, setLocale } from './localization.js';
import { THEME_TOKENS, WIDGET_ATTRIBUTE, formStyles, frameStyles } from './styles.js';
import { emit } from './events.js';
import { CibtpLogin } from '../login/login.js';
import { CibtpForgotPassword } from '../forgot-password/forgot-password.js';
import { CibtpActivateAccount } from '../activate-account/activate-account.js';
import { CibtpPortal } from '../portal/portal.js';
import { WIDGETS } from '../registry.js';
import { dsnAlertsStyles } from './dsn-alerts.js';
import { tableStyles } from './table.js';
import '../index.js';
import type { CSSResultOrNative } from 'lit';

async function sources(): Promise<Map<string, string>> {
  const list = (await (await fetch('/__source__/components/')).json()) as string[];
  // localization.ts defines msg() (the wrapper that applies a caisse's own texts): it calls none.
  const files = list.filter(
    (f) => !f.endsWith('.test.ts') && !f.includes('/locales/') && !f.endsWith('/testing.ts') && !f.endsWith('/shared/localization.ts'),
  );
  const map = new Map<string, string>();
  for (const file of files) map.set(file, await (await fetch(`/__source__/${file}`)).text());
  return map;
}

const MSG_CALL = /\bmsg\(\s*(str`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,\s*\{\s*id:\s*'([^']+)'/gs;

describe('localisation', () => {
  after(() => setLocale('fr'));

  it('every msg() call has an id, and English translates every id used (and no other)', async () => {
    const used = new Map<string, string>();
    let calls = 0;
    let withId = 0;
    for (const [file, source] of await sources()) {
      calls += [...source.matchAll(/\bmsg\(/g)].length;
      for (const match of source.matchAll(MSG_CALL)) {
        withId++;
        const previous = used.get(match[2]!);
        expect(previous === undefined || previous === match[1], `${match[2]} has two source texts (${file})`).to.equal(true);
        used.set(match[2]!, match[1]!);
      }
    }
    expect(withId, 'msg() calls without a literal id').to.equal(calls);
    const translated = new Set(Object.keys(templates));
    const missing = [...used.keys()].filter((id) => !translated.has(id));
    const unused = [...translated].filter((id) => !used.has(id));
    expect(missing, 'ids without an English translation').to.deep.equal([]);
    expect(unused, 'English ids no widget uses').to.deep.equal([]);
    // Placeholders: an English template refers only to expressions the French source has.
    for (const [id, source] of used) {
      const expressions = [...source.matchAll(/\$\{/g)].length;
      const english = (templates as Record<string, unknown>)[id];
      const indices = typeof english === 'object' && english !== null ? ((english as { values: number[] }).values ?? []) : [];
      for (const index of indices) expect(index, `${id} placeholder`).to.be.below(expressions);
    }
  });

  it('has a message for every PortalError code, in both languages', async () => {
    for (const code of PORTAL_ERROR_CODES) expect(errorMessage(new PortalError(code))).to.be.a('string').and.not.equal('');
    await setLocale('en');
    expect(getLocale()).to.equal('en');
    expect(errorMessage(new PortalError('network'))).to.equal(
      'The service cannot be reached. Check your internet connection and try again.',
    );
    await setLocale('fr');
    expect(errorMessage(new PortalError('network'))).to.include('Impossible de joindre le service');
  });
});

describe('theme tokens', () => {
  // Every widget of the registry but the portal (whose warning dialog has its own sheet in its shadow root).
  const widgets = WIDGETS.filter((w) => w.name !== 'portal')
    .map((w) => [`components/${w.name}/${w.name}.component.ts`, customElements.get(w.tag) as unknown as typeof CibtpLogin] as const);

  for (const [file, ctor] of widgets) {
    it(`every --cibtp-* property read by ${file.split('/')[1]} is documented with @cssproperty`, async () => {
      const source = await (await fetch(`/__source__/${file}`)).text();
      const documented = new Set([...source.matchAll(/@cssproperty\s+(--cibtp-[\w-]+)/g)].map((m) => m[1]));
      // The content's sheet plus the frame's, which every widget adopts into its shadow root.
      const css = [...ctor.elementStyles, frameStyles].map((s) => ('cssText' in s ? s.cssText : '')).join('\n');
      const read = new Set([...css.matchAll(/var\(\s*(--cibtp-[\w-]+)/g)].map((m) => m[1]));
      expect(read.size).to.be.greaterThan(5);
      const undocumented = [...read].filter((t) => !documented.has(t));
      expect(undocumented, 'undocumented tokens').to.deep.equal([]);
      const unknown = [...documented].filter((t) => !(THEME_TOKENS as readonly string[]).includes(t!));
      expect(unknown, 'documented tokens outside THEME_TOKENS').to.deep.equal([]);
    });
  }

  it('styles are CSP-safe: no inline style bindings or <style> in templates', async () => {
    for (const [file, source] of await sources()) {
      expect(/style=\$\{/.test(source), `${file} binds style=`).to.equal(false);
      expect(/html`[^`]*<style[\s>]/.test(source), `${file} has <style> in a template`).to.equal(false);
      expect(/unsafeHTML|\.innerHTML\s*=/.test(source), `${file} uses innerHTML`).to.equal(false);
    }
  });
});

describe('styles: one shared sheet for every widget, plus a small one per widget', () => {
  const widgets = WIDGETS.filter((w) => w.name !== 'portal').map((w) => customElements.get(w.tag) as unknown as typeof CibtpLogin);
  /** Sheets of a shared part (the DSN alerts' tooltip), scoped like the shared form rules. */
  const SHARED_PARTS: readonly CSSResultOrNative[] = [dsnAlertsStyles, tableStyles];
  const cssOf = (s: CSSResultOrNative): string => ('cssText' in s ? s.cssText : '');
  const sheetOf = (s: CSSResultOrNative): CSSStyleSheet => (s instanceof CSSStyleSheet ? s : s.styleSheet!);
  const count = (sheets: readonly CSSStyleSheet[], sheet: CSSStyleSheet): number => sheets.filter((x) => x === sheet).length;

  it('every widget starts with the same formStyles, scoped by an attribute, then its own rules scoped by its tag', () => {
    for (const ctor of widgets) {
      expect(ctor.elementStyles[0], ctor.name).to.equal(formStyles);
      for (const own of ctor.elementStyles.slice(1).filter((sheet) => !SHARED_PARTS.includes(sheet))) {
        const css = cssOf(own);
        const tag = customElements.getName(ctor)!;
        // Every selector of a widget's own sheet names its tag (inside :where(), no specificity).
        for (const rule of sheetOf(own).cssRules) {
          if (!(rule instanceof CSSStyleRule)) continue;
          for (const selector of rule.selectorText.split(',')) expect(selector.trim(), tag).to.match(new RegExp(`^:where\\(${tag}[\\[)]`));
        }
        expect(css).to.not.include('data-cibtp-widget');
      }
    }
    const shared = cssOf(formStyles);
    expect(shared).to.include(`:where([${WIDGET_ATTRIBUTE}]) .cibtp-button`);
    expect(shared, 'the shared sheet names no tag').to.not.match(/cibtp-(login|forgot-password|reset-password|activate-account|portal)\b/);
    expect(shared, 'no comments shipped').to.not.include('/*');
    for (const ctor of widgets) for (const s of ctor.elementStyles) expect(cssOf(s), 'no comments shipped').to.not.include('/*');
  });

  it('two kinds of widget on a page: the shared sheet is adopted once, each widget type\'s own sheet once', async () => {
    // fixtureSync: fixture() of a plain <div> waits for an animation frame, which a test page in the
    // background may never get.
    const page = fixtureSync<HTMLDivElement>(html`<div>
      <cibtp-login></cibtp-login>
      <cibtp-forgot-password></cibtp-forgot-password>
      <cibtp-login></cibtp-login>
      <cibtp-forgot-password embedded></cibtp-forgot-password>
    </div>`);
    for (const el of page.children) expect(el.hasAttribute(WIDGET_ATTRIBUTE), el.localName).to.equal(true);
    const adopted = document.adoptedStyleSheets;
    expect(count(adopted, sheetOf(formStyles)), 'formStyles').to.equal(1);
    const [, loginOwn] = CibtpLogin.elementStyles;
    const [, forgotOwn] = CibtpForgotPassword.elementStyles;
    expect(count(adopted, sheetOf(loginOwn!)), 'login').to.equal(1);
    expect(count(adopted, sheetOf(forgotOwn!)), 'forgot-password').to.equal(1);
    // The shared sheet comes before every widget's own sheet: at equal specificity the widget's wins.
    expect(adopted.indexOf(sheetOf(formStyles))).to.be.below(adopted.indexOf(sheetOf(loginOwn!)));
    expect(adopted.indexOf(sheetOf(formStyles))).to.be.below(adopted.indexOf(sheetOf(forgotOwn!)));
    // Another kind of widget adds only its own sheet, if any (reset-password has none).
    page.append(document.createElement('cibtp-reset-password'));
    expect(count(document.adoptedStyleSheets, sheetOf(formStyles))).to.equal(1);
    expect(document.adoptedStyleSheets.length).to.equal(adopted.length);
    // The embedded forgot-password's own rule (:where(cibtp-forgot-password[embedded])) beats the shared default.
    const [, , , embedded] = page.children;
    expect(getComputedStyle(embedded!).maxWidth).to.equal('none');
    expect(getComputedStyle(page.children[0]!).maxWidth).to.not.equal('none');
  });

  it('inside a shadow root: adopted there, once', async () => {
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.append(document.createElement('cibtp-login'), document.createElement('cibtp-login'), document.createElement('cibtp-activate-account'));
    expect(count(root.adoptedStyleSheets, sheetOf(formStyles))).to.equal(1);
    expect(count(root.adoptedStyleSheets, sheetOf(CibtpLogin.elementStyles[1]!))).to.equal(1);
    expect(count(root.adoptedStyleSheets, sheetOf(CibtpActivateAccount.elementStyles[1]!))).to.equal(1);
    // The shared host rule, then the login's own rule, apply there.
    const login = root.querySelector<CibtpLogin>('cibtp-login')!;
    expect(getComputedStyle(login).display).to.equal('block');
    const narrow = parseFloat(getComputedStyle(login).maxWidth);
    login.toggleAttribute('data-wide', true);
    expect(parseFloat(getComputedStyle(login).maxWidth)).to.be.above(narrow);
  });

  it('a page rule naming the tag beats the defaults; the page\'s generic rules do not break the widget', async () => {
    const el = await fixture<CibtpLogin>(html`<cibtp-login></cibtp-login>`);
    const submit = el.querySelector<HTMLElement>('.cibtp-button--primary')!;
    const input = el.querySelector<HTMLElement>('.cibtp-input')!;
    expect(getComputedStyle(submit).paddingLeft, 'default').to.equal('16px');
    expect(getComputedStyle(el).display).to.equal('block');
    const page = new CSSStyleSheet();
    page.replaceSync(`
      button { padding: 40px; border: 9px dotted red; }
      input { padding: 40px; }
      cibtp-login .cibtp-button--primary { padding-left: 3px; }
      cibtp-login { max-width: 123px; }
    `);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
    try {
      expect(getComputedStyle(submit).paddingLeft, 'the page rule naming the tag').to.equal('3px');
      expect(getComputedStyle(submit).paddingTop, 'the generic button {} loses').to.equal('8px');
      expect(getComputedStyle(submit).borderTopStyle).to.equal('solid');
      expect(getComputedStyle(input).paddingLeft, 'the generic input {} loses').to.equal('12px');
      expect(getComputedStyle(el).maxWidth, 'a tag rule beats the host default').to.equal('123px');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== page);
    }
  });
});

describe('the frame: a real ::part(card) around the light-DOM content', () => {
  it('a page rule cibtp-login::part(card) applies, and the credential inputs stay light-DOM children in a native form', async () => {
    const el = await fixture<CibtpLogin>(html`<cibtp-login></cibtp-login>`);
    const root = el.shadowRoot!;
    expect(root, 'an open shadow root').to.exist;
    const card = root.querySelector<HTMLElement>('[part="card"]')!;
    expect(card, 'the frame').to.exist;
    expect([...root.children]).to.deep.equal([card]);
    const slot = card.querySelector('slot')!;
    expect(slot, 'the frame slots the content').to.exist;

    // Defaults from the frame's adopted sheet, through the theme tokens.
    expect(getComputedStyle(card).borderTopWidth).to.equal('1px');
    el.style.setProperty('--cibtp-color-border', 'rgb(4, 5, 6)');
    expect(getComputedStyle(card).borderTopColor).to.equal('rgb(4, 5, 6)');

    // A page rule through ::part(), from a constructed sheet adopted by the document (CSP-safe too).
    const page = new CSSStyleSheet();
    page.replaceSync('cibtp-login::part(card) { border-top-color: rgb(1, 2, 3); padding: 7px; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
    try {
      expect(getComputedStyle(card).borderTopColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(card).paddingLeft).to.equal('7px');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== page);
    }

    // Everything else is light DOM: found from the host, absent from the shadow root.
    const password = el.querySelector<HTMLInputElement>('input[name=password]');
    expect(password, 'password input in the light DOM').to.exist;
    expect(root.querySelector('input')).to.equal(null);
    expect(root.querySelector('form, label')).to.equal(null);
    expect(password!.getRootNode()).to.equal(document);
    expect(password!.form).to.be.instanceOf(HTMLFormElement);
    expect(password!.form!.getRootNode()).to.equal(document);
    expect(el.querySelector<HTMLInputElement>('input[name=email]')!.form).to.equal(password!.form);
    for (const child of el.children) expect(child.assignedSlot, child.outerHTML.slice(0, 40)).to.equal(slot);
  });

  it('content inside the frame keeps border-box sizing: inputs stay within the frame', async () => {
    const el = await fixture<CibtpLogin>(html`<cibtp-login></cibtp-login>`);
    const card = el.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
    const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
    const email = el.querySelector<HTMLInputElement>('input[name=email]')!;
    expect(getComputedStyle(email).boxSizing).to.equal('border-box');
    expect(email.getBoundingClientRect().right).to.be.at.most(inner + 0.5);
  });

  it('an embedded forgot-password draws no second frame', async () => {
    const el = await fixture<CibtpForgotPassword>(html`<cibtp-forgot-password embedded></cibtp-forgot-password>`);
    expect(el.shadowRoot!.querySelector('[part]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    el.embedded = false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="card"] > slot')).to.exist;
  });
});

describe('define()', () => {
  it('registers a free tag and only warns for a taken one', () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      class A extends HTMLElement {}
      class B extends HTMLElement {}
      expect(define('cibtp-test-define', A)).to.equal(true);
      expect(define('cibtp-test-define', B)).to.equal(false);
      expect(customElements.get('cibtp-test-define')).to.equal(A);
      expect(warnings).to.have.length(1);
      expect(define('cibtp-portal', class extends HTMLElement {})).to.equal(false);
      expect(customElements.get('cibtp-portal')).to.equal(CibtpPortal);
    } finally {
      console.warn = warn;
    }
  });
});

describe('events', () => {
  it('bubble, cross shadow roots, and only cibtp-navigate is cancelable', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    root.append(inner);
    document.body.append(host);
    const seen: Event[] = [];
    document.addEventListener('cibtp-navigate', (e) => {
      seen.push(e);
      e.preventDefault();
    }, { once: true });
    document.addEventListener('cibtp-password-reset', (e) => {
      seen.push(e);
      e.preventDefault();
    }, { once: true });
    expect(emit(inner, 'cibtp-navigate', { to: 'signup' })).to.equal(false);
    expect(emit(inner, 'cibtp-password-reset', {})).to.equal(true);
    expect(seen.map((e) => [e.type, e.bubbles, e.composed])).to.deep.equal([
      ['cibtp-navigate', true, true],
      ['cibtp-password-reset', true, true],
    ]);
    host.remove();
  });
});

describe('readLinkToken()', () => {
  const base = `${location.pathname}${location.search}`;
  afterEach(() => history.replaceState(null, '', base));

  it('reads the action and token and removes them from the address bar', () => {
    history.replaceState(null, '', `${base}#action=activate&token=abcdefghijklmnop1234`);
    expect(readLinkToken()).to.deep.equal({ action: 'activate', token: 'abcdefghijklmnop1234' });
    expect(location.hash).to.equal('');
    expect(location.href).to.not.include('abcdefghijklmnop1234');
  });

  it('leaves a link for another action alone', () => {
    history.replaceState(null, '', `${base}#action=activate&token=abcdefghijklmnop1234`);
    expect(readLinkToken('reset-password')).to.equal(null);
    expect(location.hash).to.include('token=');
  });

  it('removes a malformed token without returning it', () => {
    history.replaceState(null, '', `${base}#action=reset-password&token=<script>`);
    expect(readLinkToken()).to.equal(null);
    expect(location.hash).to.equal('');
  });

  it('ignores an unrelated fragment', () => {
    history.replaceState(null, '', `${base}#contenu`);
    expect(readLinkToken()).to.equal(null);
    expect(location.hash).to.equal('#contenu');
  });
});
