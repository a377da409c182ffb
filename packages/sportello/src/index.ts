// The CDN entry: importing it registers every Sportello element and makes `gateway="sandbox"`
// available (the sandbox itself downloads only when used). Add each new element's define module
// here, and its row to the bench.
import '@sportello/core/qr';
import '@sportello/payment/payment';
import '@sportello/payment/payment-catalogue';
import '@sportello/booking/calendar';
import '@sportello/booking/booking';
import '@sportello/sandbox/register';

export * from '@sportello/core';
