// The bench's calendar page: a November with availability as the booking widget would give it,
// set before the element's first render (the define upgrades it; the render waits a microtask).
import '@sportello/booking/calendar';
import type { DayAvailability } from '@sportello/booking';

const availability: Record<string, DayAvailability> = {};
for (let day = 1; day <= 30; day++) {
  const date = `2026-11-${String(day).padStart(2, '0')}`;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  availability[date] =
    weekday === 0 || weekday === 6
      ? { state: 'closed', freePlaces: 0 }
      : day % 7 === 3
        ? { state: 'full', freePlaces: 0 }
        : day % 5 === 1
          ? { state: 'few', freePlaces: 2 }
          : { state: 'available', freePlaces: 16 };
}
document.querySelector('sportello-calendar')!.availability = availability;
