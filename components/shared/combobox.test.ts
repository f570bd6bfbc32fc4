import { expect, fixtureSync, html as testHtml } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, html } from 'lit';
import { ComboboxController, comboboxField, type ComboboxOption } from './combobox.js';
import { $, focused, text, type, until } from './testing.js';

const COMMUNES: ComboboxOption[] = [
  { value: '69123', label: 'Lyon' },
  { value: '69266', label: 'Villeurbanne' },
  { value: '69264', label: 'Villefranche-sur-Saône' },
  { value: '69256', label: 'Vaulx-en-Velin' },
];

interface Lookup {
  query: string;
  signal: AbortSignal;
}

/** A light-DOM host that renders one combobox and records its look-ups. */
class ComboboxHost extends LitElement {
  lookups: Lookup[] = [];
  chosen: Array<ComboboxOption | undefined> = [];
  /** Holds every answer until released (to test that the latest look-up wins). */
  gate: Promise<void> | undefined;
  readonly combo = new ComboboxController(this, {
    delay: 10,
    search: async (query, signal) => {
      this.lookups.push({ query, signal });
      await this.gate;
      const q = query.toLowerCase();
      return COMMUNES.filter((c) => c.label.toLowerCase().includes(q));
    },
    onChange: (option) => this.chosen.push(option),
  });
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
  protected override render() {
    return html`<form>
      ${comboboxField({
        controller: this.combo,
        id: 'commune',
        name: 'birthCommune',
        label: 'Commune de naissance',
        required: true,
        hint: 'Tapez les premières lettres',
        countText: (n) => `${n} communes proposées`,
      })}
    </form>`;
  }
}
customElements.define('test-combobox-host', ComboboxHost);

async function render(): Promise<ComboboxHost> {
  const el = fixtureSync<ComboboxHost>(testHtml`<test-combobox-host></test-combobox-host>`);
  await el.updateComplete;
  return el;
}

const input = (el: Element) => $<HTMLInputElement>(el, '[role="combobox"]');
const listbox = (el: Element) => $<HTMLElement>(el, '[role="listbox"]');
const options = (el: Element) => [...el.querySelectorAll<HTMLElement>('[role="option"]')];
const hidden = (el: Element) => $<HTMLInputElement>(el, 'input[type="hidden"]');

describe('combobox (ARIA 1.2, list autocomplete with manual selection)', () => {
  it('is a labelled combobox that controls a listbox, collapsed at first', async () => {
    const el = await render();
    const box = input(el);
    expect(box.labels?.[0] && text(box.labels[0])).to.equal('Commune de naissance *');
    expect(box.getAttribute('aria-expanded')).to.equal('false');
    expect(box.getAttribute('aria-controls')).to.equal(listbox(el).id);
    expect(box.getAttribute('aria-autocomplete')).to.equal('list');
    expect(box.hasAttribute('aria-activedescendant')).to.equal(false);
    expect(listbox(el).hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('suggests as the user types, says how many, and the arrows move the active option', async () => {
    const el = await render();
    input(el).focus();
    type(input(el), 'vil');
    await until(() => options(el).length === 2, 'two suggestions');
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(text(el.querySelector('[role="status"]'))).to.equal('2 communes proposées');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(options(el)[0]!.id);
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(options(el)[1]!.id);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    // Wraps around.
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(options(el)[0]!.id);
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(options(el)[1]!.id);
    // The focus never left the input.
    expect(focused()).to.equal(input(el));
  });

  it('Enter picks the active option: its label in the input, its value in the hidden input', async () => {
    const el = await render();
    input(el).focus();
    type(input(el), 'villeu');
    await until(() => options(el).length === 1, 'one suggestion');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).value).to.equal('Villeurbanne');
    expect(hidden(el).value).to.equal('69266');
    expect(hidden(el).name).to.equal('birthCommune');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.chosen.at(-1)).to.deep.equal({ value: '69266', label: 'Villeurbanne' });
    // Typing again drops the choice: typed text is no choice.
    type(input(el), 'Villeurbann');
    await el.updateComplete;
    expect(hidden(el).value).to.equal('');
    expect(el.chosen.at(-1)).to.equal(undefined);
  });

  it('a click picks an option without the input losing the focus', async () => {
    const el = await render();
    input(el).focus();
    type(input(el), 'ly');
    await until(() => options(el).length === 1, 'Lyon');
    options(el)[0]!.click();
    await el.updateComplete;
    expect(hidden(el).value).to.equal('69123');
    expect(input(el).value).to.equal('Lyon');
  });

  it('Escape closes the list, then clears the text', async () => {
    const el = await render();
    input(el).focus();
    type(input(el), 'vil');
    await until(() => options(el).length === 2, 'suggestions');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).value).to.equal('vil');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
  });

  it('the latest look-up wins: a new one aborts the one under way, whose answer is ignored', async () => {
    const el = await render();
    let release!: () => void;
    el.gate = new Promise((resolve) => (release = resolve));
    input(el).focus();
    type(input(el), 'va');
    await until(() => el.lookups.length === 1, 'first look-up');
    type(input(el), 'vil');
    await until(() => el.lookups.length === 2, 'second look-up');
    expect(el.lookups[0]!.signal.aborted, 'the first was aborted').to.equal(true);
    expect(el.lookups[1]!.signal.aborted).to.equal(false);
    release();
    await until(() => options(el).length > 0, 'suggestions');
    expect(options(el).map((o) => text(o))).to.deep.equal(['Villeurbanne', 'Villefranche-sur-Saône']);
  });

  it('waits for a pause and for two characters before looking up', async () => {
    const el = await render();
    type(input(el), 'v');
    type(input(el), '');
    type(input(el), 'vi');
    type(input(el), 'vil');
    await until(() => el.lookups.length === 1, 'one look-up');
    await until(() => options(el).length === 2, 'suggestions');
    expect(el.lookups.map((l) => l.query)).to.deep.equal(['vil']);
  });
});
