export { SportelloCalendar, type DayAvailability } from './calendar/calendar.js';
export { calendarMessages } from './calendar/calendar-messages.js';
export { SportelloBooking } from './booking/booking.js';
export { SportelloBookingManage } from './booking-manage/booking-manage.js';
export { bookingMessages } from './booking/messages.js';
export { icsEvent, type CalendarEvent } from './booking/ics.js';
