import type { Schemas } from '@sportello/core';
import type { CertificateKindId, CertificateUseId, StampExemptionId } from '@sportello/core/certificates';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';

/** What the citizen answered so far. `clearAnswers` leaves none of it. */
export interface Answers {
  use?: CertificateUseId;
  exemption?: StampExemptionId;
  /** The reason of "another exemption", as typed. */
  reason: string;
  /** Whom the document is about: a fiscal code from the registry family. */
  subject: string;
  kind?: CertificateKindId;
  /** For a self-declaration: the facts to declare, by the certificate each one replaces. */
  facts: CertificateKindId[];
}

export const noAnswers = (): Answers => ({ reason: '', subject: '', facts: [] });

export function clearAnswers(answers: Answers): void {
  Object.assign(answers, { use: undefined, exemption: undefined, kind: undefined }, noAnswers());
}

/** What `createCertificateRequest` is sent for the answers given. */
export function requestFor(answers: Answers): Schemas['CertificateRequestInput'] {
  const exempt = answers.use === 'exempt';
  return {
    kind: answers.kind!,
    subject: answers.subject,
    use: exempt ? 'exempt' : 'private-party',
    ...(exempt ? { exemption: answers.exemption } : {}),
    ...(exempt && answers.exemption === 'other' ? { exemptionReason: answers.reason.trim() } : {}),
  };
}

/** A labelled choice of a question, its explaining line under its name. */
export function choice(
  type: 'radio' | 'checkbox',
  name: string,
  checked: boolean,
  change: (event: Event) => void,
  label: unknown,
  hint?: string,
) {
  return html`<label class="choice">
    <input type=${type} name=${name} .checked=${live(checked)} @change=${change} />
    <span class="choice-text">${label}${hint ? html`<span class="hint">${hint}</span>` : nothing}</span>
  </label>`;
}
