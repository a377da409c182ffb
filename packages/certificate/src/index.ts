export { SportelloCertificate } from './certificate/certificate.js';
export { SportelloCertificateVerify } from './certificate-verify/certificate-verify.js';
