// The steps after "what for": for whom, which certificate (or which facts to declare), the review,
// the stamp, and the document ready. Loaded while the citizen answers the first question, so that a
// page showing the element does not download them before anyone needs them.
import {
  ApiError,
  documentLink,
  emit,
  formatDate,
  formatEuro,
  formatTime,
  WriteAttempt,
  LocalizeController,
  type ApiClient,
  type Schemas,
  type StepFlow,
} from '@sportello/core';
import {
  CERTIFICATE_KINDS,
  CERTIFICATE_USES,
  HISTORICAL_CERTIFICATES,
  VALIDITY_EXPLANATIONS,
  certificateKind,
  formatCertificateId,
  stampDue,
  stampExemption,
  type CertificateKindId,
  type LocalText,
} from '@sportello/core/certificates';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { choice, requestFor, type Answers } from './answers.js';
import { certificateProblem } from './certificate-problem.js';
import { absoluteLink, printDocument } from './documents.js';
import { addressOfRequest, firstShown, nameRequestInAddress } from './return.js';
import { stepsMessages, type StepsMessageKey } from './steps-messages.js';

export type LaterStep = 'who' | 'kind' | 'facts' | 'review' | 'stamp' | 'done' | 'declaration';
type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface StepsOptions {
  flow: StepFlow<string, string>;
  api: () => ApiClient;
  answers: Answers;
  /** The kinds this back end issues, once loaded. */
  kinds: () => Schemas['CertificateKindList'] | undefined;
  /** The signed-in citizen and their registry family, once loaded. */
  citizen: () => Schemas['Citizen'] | undefined;
  /** Loads what `step` lists (the family, the kinds), if it is not here. */
  load: (step: string) => void;
  /** A failed call: the sign-in step for a token refused, else said in the step. */
  failed: (error: unknown) => void;
  /** The gateway refused the reason of "another exemption": back to it. */
  refuseReason: () => void;
  /** "Ask for another document". */
  startOver: () => void;
  atKiosk: () => boolean;
  printer: () => boolean;
  /** The page's public address, which pagoPA checkout comes back to. */
  phoneUrl: () => string;
}

/** A family member's name, as the citizen reads it. */
const fullName = (person: { givenName: string; familyName: string }) =>
  `${person.givenName} ${person.familyName}`;

/** Where "Back" goes from each question. */
const BACK: Partial<Record<LaterStep, string>> = { who: 'use', kind: 'who', facts: 'who', review: 'kind' };

export class CertificateSteps implements ReactiveController {
  /** The certificate request made (or picked up from the address), once answered. */
  request?: Schemas['CertificateRequest'];
  /** The link to the document shown: downloaded here, or by the phone at a kiosk. */
  link?: Schemas['DownloadLink'];
  /** The link shown was followed: it works once, so it goes, and a new one is offered instead. */
  private linkUsed = false;
  private paymentLoaded = false;
  /** Asking for the certificate: one Idempotency-Key while the answers stay the same, kept across retries. */
  private readonly requestAttempt = new WriteAttempt<Schemas['CertificateRequestInput']>();
  private readonly i18n: LocalizeController<(typeof stepsMessages)['it']>;

  constructor(
    private readonly host: Host,
    private readonly options: StepsOptions,
  ) {
    this.i18n = new LocalizeController(host, stepsMessages);
    host.addController(this);
  }

  /** The element's own words for a failed call of its domain, if it has some (see certificate-problem.ts). */
  problem(error: unknown): string | undefined {
    return certificateProblem(this.i18n, error);
  }

  hostConnected(): void {}

  /** Nothing of the citizen's: request, links, the payment; the address names no request. */
  reset(): void {
    this.request = this.link = undefined;
    this.paymentLoaded = this.linkUsed = false;
    this.requestAttempt.forget();
    nameRequestInAddress(undefined);
    this.host.requestUpdate();
  }

  private t(key: StepsMessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params as never);
  }

  private text(text: LocalText): string {
    return text[this.i18n.language];
  }

  private get flow() {
    return this.options.flow;
  }

  private get api() {
    return this.options.api();
  }

  /** Goes to `step`, with what it lists loading. */
  goTo(step: string): void {
    this.flow.goTo(step);
    this.options.load(step);
  }

  /** Whether the 16 EUR stamp is due for the answers given. */
  private get stampDue(): boolean {
    const { kind, use } = this.options.answers;
    const known = kind && certificateKind(kind);
    return Boolean(known && use && stampDue(known, use));
  }

  /** Nothing chosen: says so, and puts the focus on the first choice, where the citizen chooses. */
  private missing(name: string, problem: StepsMessageKey): void {
    this.flow.showProblem(() => this.t(problem));
    void this.flow.focus(`input[name="${name}"]`);
  }

  private readonly onWho = (event: SubmitEvent) => {
    event.preventDefault();
    const { answers } = this.options;
    if (!this.options.citizen()) return;
    if (!answers.subject) return this.missing('subject', 'who.missing');
    this.goTo(answers.use === 'public-office' ? 'facts' : 'kind');
  };

  private readonly onKind = (event: SubmitEvent) => {
    event.preventDefault();
    const kinds = this.options.kinds();
    if (!kinds) return;
    if (!this.options.answers.kind) return this.missing('kind', 'kind.missing');
    // Not online here: said where the certificate is to be had, and what still works online.
    if (this.stampDue && !kinds.stampOnline) {
      return this.flow.showProblem(() => this.t('problem.stamp-not-online'));
    }
    this.goTo('review');
  };

  private readonly onFacts = (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.options.kinds()) return;
    if (this.options.answers.facts.length === 0) return this.missing('fact', 'facts.missing');
    void this.declare();
  };

  /** Asks for the certificate: issued at once, or waiting for its stamp. */
  private readonly ask = async () => {
    if (this.flow.busy) return; // a second press while asking must not ask twice
    this.flow.showProblem(undefined);
    try {
      const request = await this.flow.whileBusy('sending', () =>
        this.requestAttempt.send(requestFor(this.options.answers), (idempotencyKey, body) =>
          this.api.post('/api/certificates/requests', { body, idempotencyKey }),
        ),
      );
      await this.show(request);
    } catch (error) {
      const reasonRefused =
        error instanceof ApiError &&
        error.status === 400 &&
        error.problem.errors?.some((problem) => problem.field === 'exemptionReason');
      if (reasonRefused) this.options.refuseReason();
      else this.refused(error);
    }
  };

  /** The free self-declaration of the facts chosen: straight to its download. */
  private async declare(): Promise<void> {
    if (this.flow.busy) return;
    this.flow.showProblem(undefined);
    try {
      this.link = await this.flow.whileBusy('sending', () => this.makeLink('declaration'));
      this.linkUsed = false;
      this.flow.goTo('declaration'); // renders with the link
    } catch (error) {
      this.refused(error);
    }
  }

  /** A request for a document failed: a back end that issues none online answers 404. */
  private refused(error: unknown): void {
    if (error instanceof ApiError && error.status === 404)
      this.flow.showProblem(() => this.t('problem.notOnline'));
    else this.options.failed(error);
  }

  /** Shows a request: its document when issued, else the stamp to pay. Named in the address for a reload. */
  private async show(request: Schemas['CertificateRequest']): Promise<void> {
    this.request = request;
    this.host.requestUpdate();
    nameRequestInAddress(request.id);
    if (request.status !== 'issued') {
      this.flow.goTo('stamp');
      if (request.stamp && !request.stamp.paid) await this.loadPayment();
      return;
    }
    this.flow.goTo('done');
    const certificate = request.certificate!;
    if (firstShown(certificate.id)) {
      emit(this.host, 'sportello-certificate-issued', { kind: request.kind, id: certificate.id });
    }
    await this.newLink();
  }

  private async loadPayment(): Promise<void> {
    try {
      await this.flow.untilReset(import('@sportello/payment/payment'));
      this.paymentLoaded = true;
      this.host.requestUpdate();
    } catch (error) {
      this.options.failed(error);
    }
  }

  /**
   * Asks how a request stands (the one made, or `id`, the one in the page's address): the gateway
   * issues it once its stamp is paid. Still waiting after the citizen paid: pagoPA has not told yet.
   */
  async check(id = this.request?.id): Promise<void> {
    if (!id || this.flow.busy) return;
    this.flow.showProblem(undefined);
    try {
      const shown = this.request;
      const request = await this.flow.whileBusy('checking', () =>
        this.api.get('/api/certificates/requests/{requestId}', { params: { requestId: id } }),
      );
      if (request.status === 'issued' || !shown) return await this.show(request);
      this.request = request;
      this.flow.showProblem(() => this.t('stamp.notYet')); // renders with the request
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Not this citizen's, or not known: start afresh, saying why.
        this.reset();
        this.flow.goTo('use');
      }
      this.options.failed(error);
    }
  }

  private readonly onPaymentCompleted = (event: CustomEvent<{ status: string }>) => {
    if (event.detail.status === 'paid') void this.check();
  };

  private makeLink(kind: 'certificate' | 'declaration'): Promise<Schemas['DownloadLink']> {
    const { subject, facts } = this.options.answers;
    return kind === 'declaration'
      ? this.api.post('/api/certificates/self-declarations', { body: { subject, kinds: facts } })
      : this.api.post('/api/certificates/requests/{requestId}/download-links', {
          params: { requestId: this.request!.id },
        });
  }

  private get documentKind(): 'certificate' | 'declaration' {
    return this.flow.step === 'declaration' ? 'declaration' : 'certificate';
  }

  /** A new link to the document (the last one was used, or ran out). */
  private readonly newLink = async () => {
    if (this.flow.busy) return;
    this.flow.showProblem(undefined);
    const kind = this.documentKind;
    this.link = undefined;
    this.linkUsed = false;
    try {
      this.link = await this.flow.whileBusy('linking', () => this.makeLink(kind));
      this.host.requestUpdate();
    } catch (error) {
      this.options.failed(error);
    }
  };

  private get filename(): string {
    const certificate = this.request?.certificate;
    return this.documentKind === 'declaration' || !certificate
      ? 'autocertificazione.pdf'
      : `certificato-${formatCertificateId(certificate.id)}.pdf`;
  }

  /** Prints the document at a kiosk, through a link of its own (the phone's stays unused). */
  private readonly print = async () => {
    if (this.flow.busy) return;
    this.flow.showProblem(undefined);
    const kind = this.documentKind;
    try {
      await this.flow.whileBusy('printing', async () => {
        const link = await this.makeLink(kind);
        await printDocument(this.host.renderRoot, this.host, link.url, this.filename);
      });
    } catch (error) {
      this.options.failed(error);
    }
  };

  render(step: LaterStep) {
    switch (step) {
      case 'who':
        return this.renderWho();
      case 'kind':
        return this.renderKind();
      case 'facts':
        return this.renderFacts();
      case 'review':
        return this.renderReview();
      case 'stamp':
        return this.renderStamp();
      default:
        return this.renderDocument();
    }
  }

  /** Chooses `value` as an answer, leaving the problem of having chosen nothing behind. */
  private answer(set: () => void): void {
    set();
    this.flow.showProblem(undefined);
    this.host.requestUpdate();
  }

  private question(
    step: LaterStep,
    submit: (event: SubmitEvent) => void,
    content: unknown,
    action?: unknown,
  ) {
    return html`<form class="step" part="form" novalidate @submit=${submit}>
      ${content} ${this.flow.renderProblem()}
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this.flow.goTo(BACK[step]!)}>
          ${this.t('step.back')}
        </button>
        ${action ?? html`<button class="primary" type="submit">${this.t('step.next')}</button>`}
      </div>
    </form>`;
  }

  /** Loading what the step lists, or a way to ask for it again once it failed. */
  private loading(loaded: boolean) {
    if (loaded) return nothing;
    return this.flow.busy
      ? html`<p>${this.t('loading')}</p>`
      : html`<div class="actions">
          <button class="secondary" type="button" @click=${() => this.options.load(this.flow.step)}>
            ${this.t('reload')}
          </button>
        </div>`;
  }

  private renderWho() {
    const { answers } = this.options;
    const citizen = this.options.citizen();
    // The citizen first, then the family in the registry's order.
    const self = (member: { fiscalCode: string }) => member.fiscalCode === citizen?.fiscalCode;
    const family = citizen ? [...citizen.family.filter(self), ...citizen.family.filter((m) => !self(m))] : [];
    return this.question(
      'who',
      this.onWho,
      html`${this.flow.heading(this.t('who.heading'))}
        <p>${this.t('who.intro')}</p>
        ${this.loading(citizen !== undefined)}
        ${
          family.length
            ? html`<fieldset>
                <legend class="visually-hidden">${this.t('who.heading')}</legend>
                ${family.map((member) =>
                  choice(
                    'radio',
                    'subject',
                    answers.subject === member.fiscalCode,
                    () => this.answer(() => (answers.subject = member.fiscalCode)),
                    member.fiscalCode === citizen!.fiscalCode
                      ? this.t('who.self', { name: fullName(member) })
                      : fullName(member),
                  ),
                )}
              </fieldset>`
            : nothing
        }`,
    );
  }

  /** The kinds this back end issues, in the order of the one table. */
  private offered() {
    const ids = new Set(this.options.kinds()?.kinds.map((kind) => kind.id));
    return CERTIFICATE_KINDS.filter((kind) => ids.has(kind.id));
  }

  private renderKinds(type: 'radio' | 'checkbox', name: string, legend: string) {
    const { answers } = this.options;
    const list = this.options.kinds();
    const toggle = (id: CertificateKindId, on: boolean) =>
      this.answer(() =>
        type === 'radio'
          ? (answers.kind = id)
          : (answers.facts = on ? [...answers.facts, id] : answers.facts.filter((fact) => fact !== id)),
      );
    // A back end that issues no certificates online lists none.
    if (list?.kinds.length === 0) return html`<p class="warning">${this.t('problem.notOnline')}</p>`;
    return html`${this.loading(list !== undefined)}
    ${
      list
        ? html`<fieldset>
            <legend class="visually-hidden">${legend}</legend>
            ${this.offered().map((kind) =>
              choice(
                type,
                name,
                type === 'radio' ? answers.kind === kind.id : answers.facts.includes(kind.id),
                (event) => toggle(kind.id, (event.target as HTMLInputElement).checked),
                this.text(kind.name),
                this.text(kind.explanation),
              ),
            )}
          </fieldset>`
        : nothing
    }`;
  }

  private renderKind() {
    const list = this.options.kinds();
    const heading = this.t('kind.heading');
    const offline = list && !list.stampOnline && this.options.answers.use === 'private-party';
    return this.question(
      'kind',
      this.onKind,
      html`${this.flow.heading(heading)}
        ${offline ? html`<p class="warning">${this.t('kind.stampOffline')}</p>` : nothing}
        ${this.renderKinds('radio', 'kind', heading)}
        <p>${this.text(HISTORICAL_CERTIFICATES)}</p>
        ${this.renderValidity()}`,
    );
  }

  /** How long a certificate is good for, and the reuse of an expired one (art. 41 DPR 445/2000). */
  private renderValidity() {
    const { unlimited, expired } = VALIDITY_EXPLANATIONS;
    return html`<details>
      <summary>${this.t('kind.validity')}</summary>
      <ul>
        ${[unlimited, VALIDITY_EXPLANATIONS['6-months'], expired].map((line) => html`<li>${this.text(line)}</li>`)}
      </ul>
    </details>`;
  }

  private renderFacts() {
    const heading = this.t('facts.heading');
    return this.question(
      'facts',
      this.onFacts,
      html`${this.flow.heading(heading)}
        <p>${this.t('facts.intro')}</p>
        ${this.renderKinds('checkbox', 'fact', heading)}`,
      html`<button class="primary" type="submit" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
        ${this.flow.busy === 'sending' ? this.t('sending') : this.t('facts.make')}
      </button>`,
    );
  }

  private renderReview() {
    const { answers } = this.options;
    const { i18n } = this;
    const kind = certificateKind(answers.kind!)!;
    const person = this.options.citizen()?.family.find((member) => member.fiscalCode === answers.subject);
    const exemption = answers.use === 'exempt' ? stampExemption(answers.exemption!) : undefined;
    const use = CERTIFICATE_USES.find((candidate) => candidate.id === answers.use)!;
    const stamp = this.stampDue
      ? this.t('review.stampDue', {
          amount: formatEuro(this.options.kinds()?.stampCents ?? 0, i18n.language),
        })
      : exemption
        ? this.t('review.stampExempt', { reference: this.text(exemption.reference) })
        : this.t('review.stampNever');
    const row = (term: StepsMessageKey, value: unknown) =>
      html`<dt>${this.t(term)}</dt>
        <dd>${value}</dd>`;
    return this.question(
      'review',
      (event) => (event.preventDefault(), void this.ask()),
      html`${this.flow.heading(this.t('review.heading'))}
        <dl>
          ${row('review.certificate', this.text(kind.name))}
          ${row('review.person', person ? fullName(person) : answers.subject)}
          ${row('review.use', this.text((exemption ?? use).label))}
          ${exemption?.needsReason ? row('review.reason', answers.reason.trim()) : nothing}
          ${row('review.stamp', stamp)}
        </dl>`,
      html`<button class="primary" type="submit" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
        ${
          this.flow.busy === 'sending'
            ? this.t('sending')
            : this.t(this.stampDue ? 'review.confirmAndPay' : 'review.confirm')
        }
      </button>`,
    );
  }

  private renderStamp() {
    const request = this.request;
    const stamp = request?.stamp;
    const busy = this.flow.busy;
    return html`<section class="step">
      ${this.flow.heading(this.t('stamp.heading'))}
      ${
        stamp
          ? html`<p>
              ${this.t('stamp.intro', { amount: formatEuro(stamp.amountCents, this.i18n.language) })}
            </p>`
          : html`<p>${this.t('stamp.checking')}</p>`
      }
      ${
        stamp && !stamp.paid && this.paymentLoaded
          ? html`<sportello-payment
              notice=${stamp.notice.noticeNumber}
              creditor=${stamp.notice.creditorFiscalCode}
              return-url=${addressOfRequest(request!.id, this.options.phoneUrl())}
              heading-level=${this.flow.subheadingLevel}
              ?kiosk=${this.options.atKiosk()}
              @sportello-payment-completed=${this.onPaymentCompleted}
            ></sportello-payment>`
          : nothing
      }
      ${this.flow.renderProblem()}
      ${
        request || !busy
          ? html`<div class="actions">
              <button
                class="secondary"
                type="button"
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${() => (request ? this.check() : this.options.load('stamp'))}
              >
                ${busy === 'checking' ? this.t('stamp.checking') : this.t(request ? 'stamp.check' : 'reload')}
              </button>
            </div>`
          : nothing
      }
    </section>`;
  }

  /** The document ready: the certificate with its identifier and validity, or the self-declaration. */
  private renderDocument() {
    const language = this.i18n.language;
    const declaration = this.documentKind === 'declaration';
    const certificate = this.request?.certificate;
    const kind = this.request && certificateKind(this.request.kind);
    return html`<section class="step" part="document">
      ${this.flow.heading(this.t(declaration ? 'declaration.heading' : 'done.heading'))}
      ${
        declaration
          ? html`<p>${this.t('declaration.intro')}</p>
              <p class="warning">${this.t('declaration.warning')}</p>`
          : html`<dl>
                <dt>${this.t('review.certificate')}</dt>
                <dd>${kind && this.text(kind.name)}</dd>
                <dt>${this.t('done.identifier')}</dt>
                <dd class="identifier">${certificate && formatCertificateId(certificate.id)}</dd>
                <dt>${this.t('done.issuedOn')}</dt>
                <dd>${certificate && formatDate(certificate.issuedOn, language)}</dd>
                <dt>${this.t('done.validUntil')}</dt>
                <dd>
                  ${certificate?.validUntil ? formatDate(certificate.validUntil, language) : this.t('done.noExpiry')}
                </dd>
              </dl>
              <p>${this.t('done.privateOnly')}</p>`
      }
      ${this.renderLink(declaration)} ${declaration ? nothing : this.renderValidity()}
      ${this.flow.renderProblem()}
      <div class="actions">
        <button class="secondary" type="button" @click=${this.options.startOver}>${this.t('another')}</button>
      </div>
    </section>`;
  }

  /**
   * The document's link: to download here, or at a kiosk a QR code for the phone (nothing of the
   * citizen's is saved on a kiosk) and, with a printer, printing. And a new link when it is used up.
   */
  private renderLink(declaration: boolean) {
    const link = this.link;
    const busy = this.flow.busy;
    const until = link ? formatTime(link.expiresAt, this.i18n.language) : '';
    const kiosk = this.options.atKiosk();
    let shown: unknown = busy === 'linking' ? html`<p>${this.t('loading')}</p>` : nothing;
    if (link && kiosk) {
      shown = html`<sportello-qr
          part="phone-code"
          value=${absoluteLink(this.host, link.url)}
          label=${this.t('done.qrLabel')}
        ></sportello-qr>
        <p>${this.t('link.phone', { time: until })}</p>`;
    } else if (link && this.linkUsed) {
      shown = html`<p>${this.t('link.used')}</p>`;
    } else if (link) {
      const download = documentLink(this.host, link.url, this.filename);
      const follow = (event: Event) => {
        // Run out while the citizen read the page: a new link in its place (the old one would leave
        // the page for the gateway's refusal), to press once more.
        if (Date.parse(link.expiresAt) <= this.options.api().now()) {
          event.preventDefault();
          void this.newLink();
          return;
        }
        download.follow(event);
        // A second press would find the link used: the heading keeps the focus the link had.
        this.linkUsed = true;
        this.flow.stayOn(this.t('link.used'));
      };
      shown = html`<p>
          <a
            class="button primary"
            part="download"
            href=${download.href}
            download=${this.filename}
            @click=${follow}
            >${this.t(declaration ? 'declaration.download' : 'done.download')}</a
          >
        </p>
        <p>${this.t('link.once', { time: until })}</p>`;
    }
    const disabled = busy ? 'true' : 'false';
    return html`${shown}
      <div class="actions">
        ${
          kiosk && this.options.printer()
            ? html`<button class="primary" type="button" aria-disabled=${disabled} @click=${this.print}>
                ${busy === 'printing' ? this.t('sending') : this.t('link.print')}
              </button>`
            : nothing
        }
        <button class="secondary" type="button" aria-disabled=${disabled} @click=${this.newLink}>
          ${this.t('link.new')}
        </button>
      </div>`;
  }
}
