export { SportelloPayment } from './payment/payment.js';
export { paymentMessages } from './messages.js';
