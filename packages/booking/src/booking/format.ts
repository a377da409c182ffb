import { formatDate, formatTime, type Language, type Schemas } from '@sportello/core';
import { html } from 'lit';

/** An office as a line of the review and of the calendar file: name, street, postcode and town. */
export function officeAddress(office: Schemas['Office'] | undefined): string {
  return office
    ? `${office.name}, ${office.address.street}, ${office.address.postalCode} ${office.address.city}`
    : '';
}

/** An appointment's day and times, as the citizen reads them: "lunedì 23 novembre 2026, 11:10–11:30". */
export function whenText(start: string, end: string, language: Language): string {
  return `${formatDate(start, language, 'full')}, ${formatTime(start, language)}–${formatTime(end, language)}`;
}

/**
 * A manage code (`H2Z7-RPXG-A0YJ-1Q3K`) whose groups of four never break across lines: on a
 * narrow phone the code wraps between groups, so a citizen copying it never misreads a group.
 */
export function groupedCode(code: string) {
  const groups = code.match(/[0-9A-Z]{1,4}/gi) ?? [];
  return html`${groups.map(
    (group, index) => html`<span class="code-group">${group}${index < groups.length - 1 ? '-' : ''}</span>`,
  )}`;
}
