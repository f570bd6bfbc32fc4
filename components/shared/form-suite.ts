/**
 * The tests every form widget runs (not part of the kit's exports): call `formWidgetSuite()` inside a
 * widget's `describe()` and it gets the checks every form of the kit owes its users — labels, required
 * markers, the error summary, axe, keyboard use, and each fault a network or backend can produce
 * ending in a readable message that keeps what was typed. Models: Shoelace's form-control base tests,
 * Lion's test suites. A new form widget gets them by calling one function.
 */
import { expect } from '@open-wc/testing';
import type { Fault } from '../../mock-server/index.js';
import type { OperationName } from '../../sdk/operations.js';
import { $, resetBackend, text, until } from './testing.js';

export interface FormSuiteOptions {
  /** Renders the widget on the step whose form is tested (after `resetBackend()`). */
  render: () => Promise<HTMLElement>;
  /** Types valid values into every field of the step, as a user would. */
  fill: (el: HTMLElement) => void | Promise<void>;
  /** The operation the step's submission calls (faults are injected there). */
  operation: OperationName;
  /** How many fields are required (their labels carry the marker). */
  required: number;
}

const FAULTS: ReadonlyArray<{ fault: Fault; says: RegExp }> = [
  { fault: { kind: 'network' }, says: /Impossible de joindre le service/ },
  { fault: { kind: 'server' }, says: /difficulté temporaire/ },
  { fault: { kind: 'unavailable', retryAfter: 120 }, says: /difficulté temporaire|indisponible|Réessayez/ },
  { fault: { kind: 'malformed' }, says: /réponse inattendue/ },
  { fault: { kind: 'unexpected-shape' }, says: /réponse inattendue/ },
];

const form = (el: HTMLElement) => $<HTMLFormElement>(el, 'form');
const inputs = (el: HTMLElement) =>
  [...form(el).querySelectorAll<HTMLInputElement>('input:not([type="hidden"]):not([hidden])')];
const submitButton = (el: HTMLElement) => $<HTMLButtonElement>(form(el), 'button[type="submit"]');
const summary = (el: HTMLElement) => el.querySelector<HTMLElement>('[data-part="error-summary"]');
const values = (el: HTMLElement) => inputs(el).map((i) => (i.type === 'radio' ? String(i.checked) : i.value));

export function formWidgetSuite(o: FormSuiteOptions): void {
  describe('form widget suite', () => {
    it('labels every input, marks the required ones before submission, and passes axe', async () => {
      await resetBackend();
      const el = await o.render();
      for (const input of inputs(el)) {
        const named = input.labels?.length || input.getAttribute('aria-labelledby') || input.getAttribute('aria-label');
        expect(named, `${input.name} has a label`).to.be.ok;
      }
      const marked = [...form(el).querySelectorAll('label .cibtp-required, legend .cibtp-required')];
      expect(marked.length, 'required markers').to.equal(o.required);
      if (o.required > 0) expect(el.querySelector('[data-part="required-note"]'), 'the required note').to.exist;
      await expect(el).to.be.accessible();
    });

    it('an empty submission: the summary is an alert, takes the focus, links each error to its field', async () => {
      await resetBackend();
      const el = await o.render();
      submitButton(el).click();
      await until(() => summary(el) && document.activeElement === summary(el), 'the summary has the focus');
      const box = summary(el)!;
      expect(box.querySelector('[role="alert"]'), 'its content is inside role="alert"').to.exist;
      const links = [...box.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
      expect(links.length, 'one link per refused field').to.be.greaterThan(0);
      for (const link of links) {
        const target = document.getElementById(link.hash.slice(1));
        expect(target, `${link.hash} leads to a field`).to.exist;
        link.click();
        expect(document.activeElement, `${link.hash} moves the focus to its field`).to.equal(target);
        // The same words inline as in the summary (RGAA 11.10), linked to the field.
        const described = (target!.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id));
        const group = target!.closest('fieldset');
        const inline = [...described, ...(group ? [...group.querySelectorAll('.cibtp-field-error')] : [])].map((n) => text(n));
        expect(inline, `${link.hash}'s inline message`).to.include(text(link));
      }
      await expect(el).to.be.accessible();
    });

    it('works with the keyboard: every input and the submit button are reachable in order', async () => {
      await resetBackend();
      const el = await o.render();
      const stops = [...inputs(el), submitButton(el)];
      for (const stop of stops) {
        expect(stop.tabIndex, `${stop.outerHTML.slice(0, 60)} is focusable`).to.be.at.least(0);
        expect(stop.disabled, 'not disabled').to.equal(false);
      }
      // Native form: Enter in a text input submits it.
      const order = stops.map((s) => s.compareDocumentPosition(submitButton(el)));
      expect(order.slice(0, -1).every((p) => p & Node.DOCUMENT_POSITION_FOLLOWING)).to.equal(true);
    });

    for (const { fault, says } of FAULTS) {
      it(`${fault.kind}: a readable message, and what was typed is kept`, async () => {
        const mock = await resetBackend();
        const el = await o.render();
        await o.fill(el);
        const typed = values(el);
        mock.faults.set(o.operation, fault);
        submitButton(el).click();
        await until(() => summary(el), `a message for ${fault.kind}`, 15_000);
        expect(text(summary(el))).to.match(says);
        expect(values(el), 'nothing typed was lost').to.deep.equal(typed);
        expect(submitButton(el).getAttribute('aria-disabled'), 'the form can be sent again').not.to.equal('true');
        mock.faults.clear();
      });
    }
  });
}
