import { formatDate, formatEuro, type LocalizeController, type Schemas } from '@sportello/core';
import { html } from 'lit';
import type { paymentMessages } from '../messages.js';

/** The notice code as printed: groups of four digits. */
export const printed = (noticeNumber: string) => noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 ');

/** What a notice asks for, as the summary and the receipt list it: payee, reason, code, amount, due date. */
export function noticeDetails(
  notice: Schemas['Notice'],
  i18n: LocalizeController<(typeof paymentMessages)['it']>,
) {
  const language = i18n.language;
  return html`<dl>
    <dt>${i18n.t('summary.payee')}</dt>
    <dd>${notice.payee}</dd>
    <dt>${i18n.t('summary.description')}</dt>
    <dd>${notice.description}</dd>
    <dt>${i18n.t('summary.noticeCode')}</dt>
    <dd>${printed(notice.noticeNumber)}</dd>
    <dt>${i18n.t('summary.amount')}</dt>
    <dd>${formatEuro(notice.amountCents, language)}</dd>
    <dt>${i18n.t('summary.dueDate')}</dt>
    <dd>${formatDate(notice.dueDate, language)}</dd>
  </dl>`;
}
