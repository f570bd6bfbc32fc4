// The login family with the keyboard alone (RGAA 12.8 tab order, 12.9 no trap, WCAG 2.1.1), in the
// demo page as a caisse ships it: real key presses in headless Chromium, no clicks.
// Needs `npm run build` first (npm test runs it before this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo } from './test-support.mjs';

const demo = useDemo();

/** What has the focus, described the way a sighted keyboard user would name it. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} ${label.replace(/\s+/g, ' ').trim()}`;
  });
}

/** Presses Tab until `predicate(description)` holds; fails after `max` presses (a trap or a missing stop). */
async function tabTo(page, predicate, what, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now);
    if (predicate(now)) return;
  }
  assert.fail(`Tab never reached ${what}; focus went through:\n  ${seen.join('\n  ')}`);
}

test('sign in to a multi-site account with the keyboard alone: error summary, password toggle, tiers choice', async () => {
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(new URL('/espace-entreprise.html', demo.server.url).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('cibtp-login input[name="email"]', { visible: true });

    await tabTo(page, (f) => f.startsWith('input[name=email]'), 'the email field');
    await page.keyboard.type('multi@durand-btp.fr');
    await tabTo(page, (f) => f.startsWith('input[name=password]'), 'the password field', 3);
    await page.keyboard.type('pas le bon');
    await page.keyboard.press('Enter');

    // A refused login: the summary takes the focus, the typed email is still there.
    await page.waitForFunction(() => document.activeElement?.closest('[data-part="error-summary"]'));
    assert.equal(await page.$eval('cibtp-login input[name="email"]', (i) => i.value), 'multi@durand-btp.fr');

    // Back to the password: select what was typed, type the right one, show it, hide it, submit.
    await tabTo(page, (f) => f.startsWith('input[name=password]'), 'the password field');
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type('Chantier2026!');
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^button .*Afficher/);
    await page.keyboard.press('Space');
    assert.equal(await page.$eval('cibtp-login input[name="password"]', (i) => i.type), 'text');
    await page.keyboard.press('Space');
    assert.equal(await page.$eval('cibtp-login input[name="password"]', (i) => i.type), 'password');
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^button .*Se connecter/);
    await page.keyboard.press('Enter');

    // The tiers picker: its heading has the focus; Tab to the search, type, Tab to the radios, arrows to
    // choose, Tab to Valider, Enter.
    await page.waitForSelector('cibtp-login cibtp-tiers-picker tbody input[type="radio"]');
    await page.waitForFunction(() => /Connexion à votre espace CIBTP/.test(document.activeElement?.textContent ?? ''));
    await tabTo(page, (f) => f.startsWith('input') && /Rechercher/.test(f), 'the search field');
    await page.keyboard.type('durand');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('cibtp-tiers-picker tbody tr')];
      return rows.length === 3 && document.querySelector('cibtp-tiers-picker table')?.getAttribute('aria-busy') !== 'true';
    });
    await tabTo(page, (f) => /^input\[name=[^\]]*tiers/.test(f), 'the first tiers');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.$eval('cibtp-tiers-picker tbody input[type="radio"]:checked', (i) => i.value);
    await tabTo(page, (f) => /^button .*Valider/.test(f), 'Valider', 40);
    await page.keyboard.press('Enter');
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    const session = await page.evaluate(() => document.querySelector('cibtp-portal')?.session?.tiers?.id);
    assert.equal(session, chosen);
    // The focus is on the home page's heading, not on « Se déconnecter »: another Enter does not sign out.
    await page.waitForFunction(() => /Bienvenue sur votre Espace sécurisé/.test(document.activeElement?.textContent ?? ''));
    await page.keyboard.press('Enter');
    assert.ok(await page.$('cibtp-espace [data-part="home"]'), 'still signed in');
  } finally {
    await context.close();
  }
});

test('forgotten password with the keyboard alone: the chooser, the email step, then the reset link’s form', async () => {
  const context = await demo.browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const headingFocused = (pattern) =>
    page.waitForFunction((source) => {
      const el = document.activeElement;
      return /^H[1-6]$/.test(el?.tagName ?? '') && new RegExp(source).test(el.textContent ?? '');
    }, {}, pattern.source);
  try {
    await page.goto(new URL('/espace-entreprise.html', demo.server.url).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('cibtp-login input[name="email"]', { visible: true });

    // The page swaps the login for the forgotten-password widget: the focus follows to its heading.
    await tabTo(page, (f) => /Mot de passe oublié/.test(f), '« Mot de passe oublié ? »');
    await page.keyboard.press('Enter');
    await headingFocused(/Mot de passe oublié/);

    // « Quelle est votre situation ? »: Tab into the radio group, Space to choose, then « Continuer ».
    await tabTo(page, (f) => f.startsWith('input[name=situation]'), 'the first situation', 5);
    await page.keyboard.press('Space');
    await tabTo(page, (f) => /^button .*Continuer/.test(f), 'Continuer', 5);
    await page.keyboard.press('Enter');

    // The email step starts in its field; its confirmation takes the focus.
    await page.waitForFunction(() => document.activeElement?.getAttribute('autocomplete') === 'email');
    await page.keyboard.type('admin@durand-btp.fr');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /bien été prise en compte/.test(document.activeElement?.closest('[data-part="notice"], h1, h2, h3')?.textContent ?? ''));

    // The email's link (the outbox panel stands for the mail client): the page shows the reset form
    // and moves the focus to its heading.
    const link = await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=reset-password"]');
    await link.focus();
    await page.keyboard.press('Enter');
    await headingFocused(/nouveau mot de passe/i);

    // New password, its confirmation, Enter: the success notice takes the focus.
    await tabTo(page, (f) => f.startsWith('input[name=new-password]'), 'the new password', 5);
    await page.keyboard.type('Echafaudage-2028');
    await tabTo(page, (f) => f.startsWith('input[name=confirm-password]'), 'the confirmation', 5);
    await page.keyboard.type('Echafaudage-2028');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /modifié|enregistrée/i.test(document.activeElement?.textContent ?? ''));
  } finally {
    await context.close();
  }
});
