// The widgets in a React 19 page: `<cibtp-portal>` with the page's own client as a property, its
// attributes, the login, and the `cibtp-signed-in` event (React 19 spells it `oncibtp-signed-in`).
// Types: `@cibtp/espace-widgets/react` (frameworks/tsconfig.json).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { backendReady, pageClient } from '../kit.js';

const client = pageClient();

function Espace() {
  const [email, setEmail] = useState<string | null>(null);
  const [locale, setLocale] = useState<'fr' | 'en'>('fr');
  return (
    <>
      <h1>Espace sécurisé dans une page React 19</h1>
      <p>
        Les composants de connexion dans une application React&nbsp;: le portail reçoit le client de la page
        (propriété <code>client</code>), ses attributs (<code>base-url</code>, <code>locale</code>,{' '}
        <code>session-warning</code>) et la page suit l’événement <code>cibtp-signed-in</code>.
      </p>
      <p>
        <button type="button" onClick={() => setLocale(locale === 'fr' ? 'en' : 'fr')}>
          {locale === 'fr' ? 'English' : 'Français'}
        </button>
      </p>
      <div className="espace">
        <cibtp-portal client={client} base-url="/api/" locale={locale} session-warning={120}
          oncibtp-signed-in={(event) => setEmail(event.detail.session.user.email)}
          oncibtp-signed-out={() => setEmail(null)}>
          <cibtp-login heading-level={2} signup-href="/espace-entreprise.html" />
        </cibtp-portal>
      </div>
      <p id="signed-in" role="status">{email ? `Connecté : ${email}` : ''}</p>
    </>
  );
}

await backendReady();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Espace />
  </StrictMode>,
);
