export { SportelloCalendar, type DayAvailability } from './calendar/calendar.js';
export { calendarMessages } from './calendar-messages.js';
export { SportelloBooking } from './booking/booking.js';
export { bookingMessages } from './booking/messages.js';
export { icsEvent, type CalendarEvent } from './booking/ics.js';
