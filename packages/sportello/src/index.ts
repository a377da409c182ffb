// The CDN entry: importing it registers every Sportello element. Add each new element's define
// module here (and its row to the bench).
import '@sportello/core/qr';

export * from '@sportello/core';
