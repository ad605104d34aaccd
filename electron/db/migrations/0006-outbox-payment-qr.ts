import type { Migration } from './migration';

/**
 * The payment link an outbox message's QR code encodes, kept with the message: the sender has only
 * the row, after a restart too, and draws the code from the link when it attaches the image.
 */
export const outboxPaymentQr: Migration = {
  name: 'outbox-payment-qr',
  up: (db) => {
    db.exec('ALTER TABLE outbox_messages ADD COLUMN payment_qr_link TEXT');
  },
};
