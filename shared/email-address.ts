/**
 * What Inflow accepts as an email address wherever one comes in (a form, an import row, an ERP
 * contact): one @, a dot in the domain, and none of the characters that would break a header.
 */
export const EMAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
