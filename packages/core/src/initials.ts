// A person's initials, as Sportello shows someone it must not name in full: an appointment in its
// manage view, a certificate's subject in its seal. A module of its own, with no imports, so that the
// certificate elements take it without the contract's validators (api/booking.ts re-exports it).

/** A name's first letter, upper case: one letter, also where upper case makes more ("ß" is "SS", "ﬃ" "FFI"). */
export function initialOf(name: string): string {
  return [...([...name.trim()][0]?.toUpperCase() ?? '')][0] ?? '';
}

/** "Mario Rossi" is "M. R.": enough for the citizen to recognise the booking, not to identify them. */
export function initialsOf(person: { givenName: string; familyName: string }): string {
  return `${initialOf(person.givenName)}. ${initialOf(person.familyName)}.`;
}
