import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * What a widget made of steps does when the citizen moves to another step: once the new step has
 * rendered, its heading (the `h2`, with `tabindex="-1"`) takes the focus, so keyboard and
 * screen-reader users start reading there, and the widget's live region says where they are.
 * The live region is a `<p class="visually-hidden" role="status"></p>` the widget renders empty
 * and never binds: writing into it is not a render, and Lit never overwrites it.
 *
 * The first step of a page is neither focused nor announced: nobody moved there.
 */
export class StepFocus implements ReactiveController {
  /** After the next render: `true` announces a new step; a text is said within this one ('' nothing). */
  private pending?: true | string;

  /** `announcement` turns the new step's heading into what the live region says. */
  constructor(
    private readonly host: Host,
    private readonly announcement: (title: string) => string = (title) => title,
  ) {
    host.addController(this);
  }

  /** The citizen is moving to another step: focus and announce it after the next render. */
  moveOn(): void {
    this.pending = true;
  }

  /**
   * The control the focus was on goes with the next render (a removed notice's button, a question
   * answered): the step's heading takes the focus back, so it is not lost to the page, and `text`,
   * if any, is said.
   */
  stayOn(text = ''): void {
    this.pending ??= text;
  }

  hostUpdated(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    const heading = this.host.renderRoot.querySelector<HTMLElement>('h2');
    heading?.focus();
    const said = pending === true ? this.announcement(heading?.textContent?.trim() ?? '') : pending;
    if (said) this.announce(said);
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

  /** Says `text` through the live region: for news within a step, such as "the time you held has gone". */
  announce(text: string): void {
    const status = this.host.renderRoot.querySelector('[role="status"]');
    if (status) status.textContent = text;
  }
}
