// serveur-http.html in Chromium: the widgets against the mock over real HTTP (another origin, with its
// session cookie, CSRF token and CORS), under the demo's strict CSP. Sign in, then the forgotten
// password: the email in the server's outbox page, its link back to the page, a new password, a sign-in
// with it. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CSP, httpMockPageCsp, startDemoServer } from './server.mjs';
import { click, fill, launchBrowser, openPage, run, signIn, waitForSignedIn } from './test-support.mjs';

const ADMIN = 'admin@durand-btp.fr';
const NEW_PASSWORD = 'Echafaudage-2027';

let demo;
let browser;
before(async () => {
  assert.ok(existsSync(fileURLToPath(new URL('../dist/cibtp-widgets.js', import.meta.url))), 'dist/ is not built: run `npm run build` first');
  demo = await startDemoServer({ port: 0, httpMock: { port: 0 } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const outbox = async () => (await fetch(`${demo.httpMock.url}__mock/outbox.json`)).json();

test('the page names the HTTP mock and may connect to it, nowhere else', async () => {
  const response = await fetch(new URL('/serveur-http.html', demo.url));
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy');
  assert.equal(csp, httpMockPageCsp(demo.httpMock.url));
  assert.match(csp, new RegExp(`connect-src 'self' ${new URL(demo.httpMock.url).origin};`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|worker-src 'self' http/);
  const html = await response.text();
  assert.ok(html.includes(`base-url="${demo.httpMock.apiUrl}"`));
  assert.ok(html.includes(`href="${demo.httpMock.url}__mock/outbox"`));
  // The other pages keep their own policy.
  assert.equal((await fetch(new URL('/espace-entreprise.html', demo.url))).headers.get('content-security-policy'), CSP);
});

test('sign in through the widgets against the HTTP mock, then reset the password from its outbox page', async () => {
  const { context, page, problems } = await openPage(browser, new URL('/serveur-http.html', demo.url).href);
  try {
    await run(page, problems, async () => {
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), false, 'no service worker');

      await signIn(page, ADMIN);
      assert.equal(await waitForSignedIn(page), ADMIN);
      assert.match(await page.$eval('cibtp-espace', (el) => el.textContent + el.shadowRoot.textContent), /DURAND/);
      // The session is the server's: a second client sees it through the same browser cookie.
      const cookies = await context.cookies(demo.httpMock.url);
      const session = cookies.find((c) => c.name === 'cibtp_mock_session');
      assert.ok(session?.httpOnly, 'an HttpOnly session cookie of the mock');
      const seen = await fetch(`${demo.httpMock.apiUrl}auth/session`, { headers: { Cookie: `${session.name}=${session.value}` } });
      assert.equal((await seen.json()).session.user.email, ADMIN);

      await click(page, 'cibtp-top-bar button::-p-text(Se déconnecter)');
      await page.waitForSelector('cibtp-login input[autocomplete="username"]', { visible: true });
      assert.match(await page.$eval('#espace-status', (el) => el.textContent), /déconnecté/);

      // Forgotten password: the form, then the email the server "sent".
      const before = (await outbox()).length;
      await click(page, 'cibtp-login button::-p-text(Mot de passe oublié)');
      await click(page, 'cibtp-forgot-password input[name="situation"][value="email"]');
      await page.click('cibtp-forgot-password button[type="submit"]');
      await fill(page, 'cibtp-forgot-password input[autocomplete="email"]', ADMIN);
      await page.click('cibtp-forgot-password button[type="submit"]');
      await page.waitForSelector('cibtp-forgot-password [data-part="notice"]');
      const messages = await outbox();
      assert.equal(messages.length, before + 1);
      const email = messages.at(-1);
      assert.equal(email.to, ADMIN);
      assert.ok(email.link.startsWith(`${demo.url}serveur-http.html#action=reset-password&token=`), email.link);
    });

    // The server's outbox page, in the same browser: the email, with its link back to the demo page.
    await page.goto(`${demo.httpMock.url}__mock/outbox`);
    const link = await page.waitForSelector('a[href*="action=reset-password"]');
    assert.match(await page.$eval('li', (el) => el.textContent), /admin@durand-btp\.fr/);
    await Promise.all([page.waitForNavigation(), link.click()]);

    await run(page, problems, async () => {
      await page.waitForSelector('cibtp-reset-password input[autocomplete="new-password"]', { visible: true });
      assert.doesNotMatch(page.url(), /token=/);
      for (const field of await page.$$('cibtp-reset-password input[autocomplete="new-password"]')) await field.type(NEW_PASSWORD);
      await page.click('cibtp-reset-password button[type="submit"]');
      await page.waitForFunction(() => /mot de passe a été modifié/i.test(document.getElementById('espace-status')?.textContent ?? ''));

      // The old password no longer works on the server; the new one does, through the widgets.
      const { backend } = demo.httpMock;
      assert.equal(backend.db.accounts.find((a) => a.email === ADMIN)?.password, NEW_PASSWORD);
      await click(page, 'cibtp-reset-password button::-p-text(Se connecter)');
      await signIn(page, ADMIN, NEW_PASSWORD);
      assert.equal(await waitForSignedIn(page), ADMIN);
    });
  } finally {
    await context.close();
  }
});
