/**
 * The login's tiers step (« Choix de l'adhérent et du site déclarant »): its template and its sheet, in
 * a module of their own that the login fetches when the server asks for a tiers choice, so that a login
 * with one tiers, and every page before the password is accepted, does not carry them.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Tiers } from '../../sdk/schemas/common.js';
import { errorId, formActions, formShell } from '../shared/fields.js';
import type { FormController } from '../shared/form-controller.js';
import { msg, str } from '../shared/localization.js';
import { isolate } from '../shared/messages.js';

/** What the step shows and does, given by the login. */
export interface TiersStepView {
  /** The login's instance ids. */
  id: (name: string) => string;
  form: FormController;
  tiers: readonly Tiers[];
  /** The step's heading (with the step indicator) and error summary, as the login renders them. */
  heading: TemplateResult;
  summary: TemplateResult | typeof nothing;
  onSubmit: (event: SubmitEvent) => void;
  onCancel: () => void;
}

export function tiersStep(v: TiersStepView): TemplateResult {
  const form = v.form;
  const error = form.error('tiersId');
  const errId = errorId(v.id('tiers'));
  const instructionsId = v.id('tiers-instructions');
  return html`${v.heading}
    ${v.summary}
    ${formShell({
      labelledBy: v.id('heading'),
      busy: form.pending,
      onSubmit: v.onSubmit,
      body: html`<fieldset class="cibtp-fieldset" aria-describedby=${error ? `${instructionsId} ${errId}` : instructionsId}>
          <legend class="cibtp-legend" id=${v.id('tiers-legend')}>${msg('Adhérent et site déclarant', { id: 'login.tiers.field' })}</legend>
          <p class="cibtp-note" id=${instructionsId}>
            ${msg('Veuillez sélectionner une ligne dans la liste ci-dessous puis cliquer sur le bouton Valider.', {
              id: 'login.tiers.instructions',
            })}
          </p>
          ${error ? html`<p class="cibtp-field-error" id=${errId}>${error}</p>` : nothing}
          <div class="cibtp-table-wrap" role="region" tabindex="0" aria-labelledby=${v.id('tiers-legend')}>
            <table class="cibtp-table" data-part="tiers-table">
              <thead>
                <tr>
                  <th scope="col"><span class="cibtp-visually-hidden">${msg('Sélection', { id: 'login.tiers.col.select' })}</span></th>
                  <th scope="col">${msg('Raison sociale', { id: 'login.tiers.col.name' })}</th>
                  <th scope="col">${msg('SIRET', { id: 'login.tiers.col.siret' })}</th>
                  <th scope="col">${msg('Nom du site déclarant', { id: 'login.tiers.col.site' })}</th>
                  <th scope="col">${msg('Identifiant', { id: 'login.tiers.col.id' })}</th>
                  <th scope="col">${msg('Alertes DSN', { id: 'login.tiers.col.alerts' })}</th>
                </tr>
              </thead>
              <tbody>
                ${v.tiers.map((t, i) => tiersRow(v, t, i))}
              </tbody>
            </table>
          </div>
        </fieldset>
        ${formActions({
          submit: msg('Valider', { id: 'common.validate' }),
          pending: form.pending,
          secondary: { label: msg('Annuler', { id: 'common.cancel' }), onClick: v.onCancel },
        })}`,
    })}`;
}

function tiersRow(v: TiersStepView, t: Tiers, i: number): TemplateResult {
  const id = v.id(`tiers-${i}`);
  const count = String(t.dsnAlerts.length);
  return html`<tr>
    <td>
      <input
        type="radio"
        class="cibtp-radio"
        name="tiers"
        value=${t.id}
        id=${id}
        .checked=${v.form.values['tiersId'] === t.id}
        aria-labelledby="${id}-name ${id}-site ${id}-ident"
        @change=${() => v.form.set('tiersId', t.id)}
      />
    </td>
    <th scope="row"><label for=${id} id="${id}-name"><bdi>${t.raisonSociale}</bdi></label></th>
    <td>${t.siret}</td>
    <td id="${id}-site"><bdi>${t.siteName}</bdi></td>
    <td id="${id}-ident">${t.identifiantCibtp}</td>
    <td>
      ${t.dsnAlerts.length === 0
        ? html`<span class="cibtp-muted">${msg('Aucune', { id: 'login.tiers.alerts.none' })}</span>`
        : html`<details class="cibtp-alerts">
            <summary>
              <span aria-hidden="true">⚠</span> ${count}
              <span class="cibtp-visually-hidden">${t.dsnAlerts.length === 1
                ? msg('alerte DSN', { id: 'login.tiers.alerts.one' })
                : msg('alertes DSN', { id: 'login.tiers.alerts.other' })}</span>
            </summary>
            <ul>
              ${t.dsnAlerts.map(
                (a) =>
                  html`<li><strong>${msg(str`DSN ${isolate(a.period)}\u00a0: ${isolate(a.title)}`, { id: 'login.tiers.alert' })}</strong><br /><bdi
                      >${a.message}</bdi
                    ></li>`,
              )}
            </ul>
          </details>`}
    </td>
  </tr>`;
}

/**
 * The tiers table's sheet, adopted into the login's root when the step is fetched. The table scrolls
 * inside its own box (`.cibtp-table-wrap`, focusable so that a keyboard user can scroll it) when it is
 * wider than the widget, rather than widening the page (WCAG 1.4.10 reflow). `position: relative` makes
 * that box clip the table's visually hidden texts too: absolutely positioned, they would otherwise
 * escape it and widen the whole page on a phone. Its cells wrap long words only where they overflow
 * (`break-word`, not the widgets' `anywhere`), so that the columns keep their width and the table
 * scrolls in its box rather than breaking names mid-word. (No comments inside the css`` literal: they
 * would ship.)
 */
export const tiersStyles = css`
  :where(cibtp-login) .cibtp-table-wrap {
    position: relative;
    overflow-x: auto;
  }
  :where(cibtp-login) .cibtp-table-wrap:focus-visible {
    outline: 3px solid var(--cibtp-color-focus, #0a76f6);
    outline-offset: 2px;
  }
  :where(cibtp-login) .cibtp-table {
    overflow-wrap: break-word;
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95em;
  }
  :where(cibtp-login) .cibtp-table th,
  :where(cibtp-login) .cibtp-table td {
    padding: 0.5rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--cibtp-color-border, #767676);
  }
  :where(cibtp-login) .cibtp-table thead th {
    background: var(--cibtp-color-surface, #f3f3f3);
  }
  :where(cibtp-login) .cibtp-table tbody th {
    font-weight: 600;
  }
  :where(cibtp-login) .cibtp-table label {
    cursor: pointer;
  }
  :where(cibtp-login) .cibtp-radio {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--cibtp-color-primary, #0b3d91);
  }
  :where(cibtp-login) .cibtp-alerts summary {
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
    min-height: 1.5rem;
    cursor: pointer;
    color: var(--cibtp-color-error, #b3261e);
    font-weight: 600;
  }
  :where(cibtp-login) .cibtp-alerts ul {
    margin: 0.5rem 0 0;
    padding-left: 1rem;
  }
  :where(cibtp-login) .cibtp-muted {
    color: var(--cibtp-color-text-muted, #4f4f4f);
  }
`;
