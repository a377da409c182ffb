import { defineCatalogue, type Translation } from '@sportello/core';

// Plain words: the citizen hears each day's full date and how full it is, never a bare "11".
const it = {
  'grid.label': 'Scegli il giorno',
  'grid.previous': 'Mese precedente',
  'grid.next': 'Mese successivo',
  'day.places': ({ count }: { count: number }) => (count === 1 ? '1 posto libero' : `${count} posti liberi`),
  'day.few': 'pochi posti liberi',
  'day.full': 'completo',
  'day.closed': 'chiuso',
  'typed.label': 'Oppure scrivi la data (gg/mm/aaaa)',
  'typed.go': 'Vai',
  'typed.empty': 'Scrivi la data, per esempio 23/11/2026.',
  'typed.notDate': 'Questa non è una data: scrivila come giorno/mese/anno, per esempio 23/11/2026.',
  'typed.beforeMin': 'Puoi scegliere un giorno a partire da {date}.',
  'typed.afterMax': 'Puoi scegliere un giorno fino a {date}.',
  'typed.full': 'Non ci sono più posti liberi {date}: scegli un altro giorno.',
  'typed.closed': 'L’ufficio è chiuso {date}: scegli un altro giorno.',
  'typed.unavailable': 'Non si può scegliere {date}: scegli un altro giorno.',
  required: 'Scegli un giorno.',
};

const en: Translation<typeof it> = {
  'grid.label': 'Choose a day',
  'grid.previous': 'Previous month',
  'grid.next': 'Next month',
  'day.places': ({ count }: { count: number }) => (count === 1 ? '1 place left' : `${count} places left`),
  'day.few': 'few places left',
  'day.full': 'fully booked',
  'day.closed': 'closed',
  'typed.label': 'Or type the date (dd/mm/yyyy)',
  'typed.go': 'Go',
  'typed.empty': 'Type the date, for example 23/11/2026.',
  'typed.notDate': 'This is not a date: type it as day/month/year, for example 23/11/2026.',
  'typed.beforeMin': 'You can choose a day from {date} onwards.',
  'typed.afterMax': 'You can choose a day up to {date}.',
  'typed.full': 'There are no places left on {date}: choose another day.',
  'typed.closed': 'The office is closed on {date}: choose another day.',
  'typed.unavailable': '{date} cannot be chosen: choose another day.',
  required: 'Choose a day.',
};

/** Messages of `<sportello-calendar>`. */
export const calendarMessages = defineCatalogue({ it, en });
export type CalendarMessageKey = keyof typeof it;
