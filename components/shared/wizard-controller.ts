import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FormController } from './form-controller.js';

export interface WizardStep<S extends string> {
  id: S;
  /** Whether the step is part of the way through, given what the earlier steps collected. */
  when?: () => boolean;
  /** Counted in « Étape n sur N » (a result screen is not). Default: true. */
  counted?: boolean;
}

/**
 * The steps of a multi-step widget (model: Lion's `LionSteps`): one step shown at a time; the forms of
 * every step keep their values while the user moves back and forth (« Retour » keeps what was typed);
 * steps may have conditions; a move aborts the pending request of the step being left, and moves the
 * focus to the new step's heading, which carries the step indicator (« Étape 2 sur 3 ») so that a screen
 * reader announces both.
 */
export class WizardController<S extends string> implements ReactiveController {
  private history: S[] = [];
  private _current: S;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly wiring: { focus: (name: string) => Promise<void> },
    private readonly steps: readonly WizardStep<S>[],
    /** The forms whose requests a move aborts. */
    private readonly forms: () => readonly FormController[] = () => [],
  ) {
    this._current = steps[0]!.id;
    host.addController(this);
  }

  hostConnected(): void {}

  get current(): S {
    return this._current;
  }

  /** Whether a request of one of the wizard's forms is running. */
  get pending(): boolean {
    return this.forms().some((form) => form.pending);
  }

  /** Where the current step stands among the counted steps on the way, or `undefined` (not counted). */
  get position(): { index: number; total: number } | undefined {
    const way = this.steps.filter((s) => s.counted !== false && (s.when?.() ?? true));
    const index = way.findIndex((s) => s.id === this._current);
    return index < 0 || way.length < 2 ? undefined : { index: index + 1, total: way.length };
  }

  /** Shows `step` (remembered for « Retour »); the focus goes to `focus` (an instance id), or stays with `false`. */
  async go(step: S, o: { focus?: string | false; remember?: boolean } = {}): Promise<void> {
    for (const form of this.forms()) form.abort();
    if (o.remember !== false && step !== this._current) this.history.push(this._current);
    this._current = step;
    this.host.requestUpdate();
    if (o.focus !== false) await this.wiring.focus(o.focus ?? 'heading');
  }

  /** The next step on the way (its condition holds), after the current one. */
  async next(o: { focus?: string | false } = {}): Promise<void> {
    const at = this.steps.findIndex((s) => s.id === this._current);
    const next = this.steps.slice(at + 1).find((s) => s.when?.() ?? true);
    if (next) await this.go(next.id, o);
  }

  /** « Retour »: the previous step, with what was typed there; aborts the pending request. */
  async back(o: { focus?: string | false } = {}): Promise<void> {
    const previous = this.history.pop();
    if (previous === undefined) return;
    await this.go(previous, { ...o, remember: false });
  }

  /** Back to the first step (or `step`), forgetting the way. */
  async restart(step: S = this.steps[0]!.id, o: { focus?: string | false } = {}): Promise<void> {
    this.history = [];
    await this.go(step, { ...o, remember: false });
  }
}
