import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { ApiClient } from '../api/client.js';
import { emit } from '../events.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { flowProblemMessages, genericProblem } from './problems.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

const HEADINGS = [1, 2, 3, 4, 5, 6].map((level) => unsafeStatic(`h${level}`));

/**
 * The level of an element's step headings: its `heading-level` attribute (2 to 6), 2 by default,
 * so that a page section titled "Pay a notice" (an h2) can put the widget's own headings below it.
 */
export function headingLevelOf(element: Element): number {
  const level = Number(element.getAttribute('heading-level'));
  return Number.isInteger(level) && level >= 2 && level <= 6 ? level : 2;
}

export interface StepFlowOptions<Step extends string> {
  /** The step the element starts at, and goes back to on `reset()`. */
  first: Step;
  /** What the live region says on arriving at a step, from its heading: "Step 3 of 6: When". */
  announcement?(title: string, step: Step): string;
}

/**
 * The machinery of an element made of steps: which step it is at, going to another (its heading
 * takes the focus and the element's live region says where the citizen is), the problem shown for
 * the current step, whether an action is under way, and starting afresh.
 *
 * For the host page and the kiosk, each change of step fires `sportello-step-change` with the
 * step's name, and each announcement fires `sportello-announcement` with its text (neither carries
 * personal data): tutorials detect practice goals from the first ("the notice was found"), and the
 * kiosk's read-aloud speaks the second, which otherwise lives inside a shadow root.
 *
 * The element renders `flow.heading(...)` at the top of each step, `flow.renderProblem()` where the
 * problem goes and `flow.renderStatus()` once; the first step of a page is neither focused nor
 * announced: nobody moved there.
 *
 * ```ts
 * private readonly flow = new StepFlow<'find' | 'summary'>(this, { first: 'find' });
 * private get api() { return this.flow.client(apiClientFor(this)); }
 * async find() {
 *   try {
 *     this.notice = await this.flow.whileBusy('finding', () => this.api.post(...));
 *     this.flow.goTo('summary');
 *   } catch (error) {
 *     this.flow.showError(error, (e) => ownWordsFor(e));
 *   }
 * }
 * render() { return html`${this.flow.heading(t('find.heading'))} ... ${this.flow.renderStatus()}`; }
 * ```
 */
export class StepFlow<Step extends string, Busy extends string = 'busy'> implements ReactiveController {
  private current: Step;
  private problemText?: () => string;
  private busyWith?: Busy;
  /** After the next render: `true` focuses and announces a new step; a text is said within this one. */
  private pending?: true | string;
  /** The step changed since the last render: the event fires once the new step is on screen. */
  private stepChanged = false;
  /** Requests made before the last reset: their answers are never applied. */
  private generation = 0;
  private abandon = new AbortController();
  private readonly messages: LocalizeController<(typeof flowProblemMessages)['it']>;

  constructor(
    private readonly host: Host,
    private readonly options: StepFlowOptions<Step>,
  ) {
    this.current = options.first;
    this.messages = new LocalizeController(host, flowProblemMessages);
    host.addController(this);
  }

  get step(): Step {
    return this.current;
  }

  /** Goes to `step`, leaving the current step's problem behind; with `focus`, as the citizen moves. */
  goTo(step: Step, { focus = true }: { focus?: boolean } = {}): void {
    this.problemText = undefined;
    if (step === this.current) return this.host.requestUpdate();
    if (focus) this.pending = true;
    this.current = step;
    this.stepChanged = true;
    this.host.requestUpdate();
  }

  /** What went wrong in the current step, or undefined. Said in the current language at each render. */
  get problem(): string | undefined {
    return this.problemText?.();
  }

  /** The current problem as shown: a function giving its text in the language of the moment. */
  get problemSource(): (() => string) | undefined {
    return this.problemText;
  }

  /** Shows a problem in the current step: a function, so that it follows a change of language. */
  showProblem(problem: (() => string) | undefined): void {
    this.problemText = problem;
    this.host.requestUpdate();
  }

  /**
   * Shows what went wrong with a call: the element's own words for the problems of its domain,
   * when `own` has some, else core's words for the failures every element meets.
   */
  showError(error: unknown, own?: (error: unknown) => string | undefined): void {
    this.showProblem(() => own?.(error) ?? this.messageFor(error));
  }

  /** Core's words for a failed call: offline, no answer, too many requests, not now, or generic. */
  messageFor(error: unknown): string {
    const { key, minutes = 1 } = genericProblem(error);
    return key === 'problem.rateLimited'
      ? this.messages.t(key, { minutes })
      : this.messages.t(key as Exclude<typeof key, 'problem.rateLimited'>);
  }

  /** The action under way, if any: buttons say "Looking for the notice…" and a second press waits. */
  get busy(): Busy | undefined {
    return this.busyWith;
  }

  set busy(kind: Busy | undefined) {
    this.busyWith = kind;
    this.host.requestUpdate();
  }

  /** Runs `action` as `kind` of busy; busy ends with it (unless the element was reset meanwhile). */
  async whileBusy<T>(kind: Busy, action: () => Promise<T>): Promise<T> {
    this.busy = kind;
    const generation = this.generation;
    try {
      return await action();
    } finally {
      if (generation === this.generation && this.busyWith === kind) this.busy = undefined;
    }
  }

  /**
   * The element's API client, with every request abandoned by `reset()`: its answer never arrives,
   * so nothing of a citizen's comes back into an element that has started afresh for the next one.
   */
  client(client: ApiClient): ApiClient {
    const abandonable = <F extends (path: never, options?: never) => Promise<unknown>>(call: F): F =>
      ((path: never, options: { signal?: AbortSignal } = {}) => {
        const signal = options.signal
          ? AbortSignal.any([options.signal, this.abandon.signal])
          : this.abandon.signal;
        return this.untilReset(call(path, { ...options, signal } as never));
      }) as F;
    return {
      ...client,
      get: abandonable(client.get),
      post: abandonable(client.post),
      put: abandonable(client.put),
      patch: abandonable(client.patch),
      delete: abandonable(client.delete),
    };
  }

  /** `promise`, unless the element is reset before it settles: then it never settles. */
  untilReset<T>(promise: Promise<T>): Promise<T> {
    const generation = this.generation;
    return new Promise<T>((resolve, reject) => {
      promise.then(
        (value) => generation === this.generation && resolve(value),
        (error: unknown) => generation === this.generation && reject(error),
      );
    });
  }

  /**
   * Back to the first step with no problem and nothing under way, requests in flight abandoned.
   * The element clears what the citizen entered or received. The first step is focused and announced
   * with `focus` (the citizen asked to start over), not otherwise (a kiosk ending a session).
   */
  reset({ focus = false }: { focus?: boolean } = {}): void {
    this.generation++;
    this.abandon.abort();
    this.abandon = new AbortController();
    this.busyWith = undefined;
    this.pending = undefined;
    this.goTo(this.options.first, { focus });
  }

  /** The current step's heading, at the element's heading level: the one the focus goes to. */
  heading(content: unknown) {
    const tag = HEADINGS[headingLevelOf(this.host) - 1];
    return staticHtml`<${tag} class="step-heading" tabindex="-1">${content}</${tag}>`;
  }

  /** The level of headings within a step: one below the step's. */
  get subheadingLevel(): number {
    return Math.min(headingLevelOf(this.host) + 1, 6);
  }

  /** A heading within a step, one level below the step's; `id` lets the focus go to it. */
  subheading(content: unknown, id?: string) {
    const tag = HEADINGS[this.subheadingLevel - 1];
    return id
      ? staticHtml`<${tag} class="sub-heading" id=${id} tabindex="-1">${content}</${tag}>`
      : staticHtml`<${tag} class="sub-heading">${content}</${tag}>`;
  }

  /** The current step's problem, shown and said (an alert), or nothing. */
  renderProblem() {
    const problem = this.problem;
    return problem ? html`<p class="problem" role="alert">${problem}</p>` : nothing;
  }

  /**
   * The element's live region: rendered empty and never bound, so writing into it is not a render
   * and Lit never overwrites it.
   */
  renderStatus() {
    return html`<p class="visually-hidden" role="status"></p>`;
  }

  /**
   * The step shows something new in its place (a payment's new outcome): after the next render its
   * heading takes the focus and is said, as on arriving at a step.
   */
  refocus(): void {
    this.pending = true;
    this.host.requestUpdate();
  }

  /**
   * The control the focus was on goes with the next render (a removed notice's button, a question
   * answered): the step's heading takes the focus back, so it is not lost to the page, and `text`,
   * if any, is said.
   */
  stayOn(text = ''): void {
    this.pending ??= text;
    this.host.requestUpdate();
  }

  /**
   * Puts the focus on `selector` once the step has rendered: the first wrong field, whose problem is
   * its description, or the first button of a question that replaced the one pressed. When the focus
   * is there already (Enter pressed in the wrong field), focusing says nothing: `problem`, if given,
   * is said through the live region instead.
   */
  async focus(selector: string, problem = ''): Promise<void> {
    await this.host.updateComplete;
    const target = this.host.renderRoot.querySelector<HTMLElement>(selector);
    if (target?.matches(':focus')) {
      if (problem) this.announce(problem);
    } else target?.focus();
  }

  /** Says `text` through the live region, and offers it to the page (`sportello-announcement`). */
  announce(text: string): void {
    const status = this.host.renderRoot.querySelector('[role="status"]');
    if (status) status.textContent = text;
    emit(this.host, 'sportello-announcement', { text });
  }

  hostUpdated(): void {
    if (this.stepChanged) {
      this.stepChanged = false;
      emit(this.host, 'sportello-step-change', { step: this.current });
    }
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    const heading = this.host.renderRoot.querySelector<HTMLElement>('.step-heading');
    heading?.focus();
    const title = heading?.textContent?.trim() ?? '';
    const said = pending === true ? (this.options.announcement?.(title, this.current) ?? title) : pending;
    if (said) this.announce(said);
  }
}
