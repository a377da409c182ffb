export { SportelloPayment } from './payment/payment.js';
export { SportelloPaymentCatalogue } from './payment-catalogue/payment-catalogue.js';
export { paymentMessages } from './messages.js';
