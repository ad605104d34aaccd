import type { TemplateLanguage } from '../../../shared/customer-locale';
import type { DISPUTE_REASONS } from '../../../shared/activity';

/** The words Inflow itself puts in a message (table headings, link texts, dispute reasons), in each template language. */
export interface MessageWords {
  invoice: string;
  due: string;
  amount: string;
  balance: string;
  daysLate: string;
  pay: string;
  qrAlt: string;
  playVideo: string;
  watchVideo: string;
  videoMessage: string;
  disputeReasons: Record<(typeof DISPUTE_REASONS)[number], string>;
}

/** A dispute reason in the message's language; a code written by an older Inflow reads as itself. */
export function disputeReasonWords(words: MessageWords, code: string): string {
  return Object.hasOwn(words.disputeReasons, code) ? words.disputeReasons[code as keyof MessageWords['disputeReasons']] : code.replaceAll('_', ' ');
}

export const MESSAGE_WORDS: Record<TemplateLanguage, MessageWords> = {
  en: {
    invoice: 'Invoice',
    due: 'Due',
    amount: 'Amount',
    balance: 'Balance',
    daysLate: 'Days late',
    pay: 'Pay',
    qrAlt: 'QR code for the payment link',
    playVideo: 'Play the video message',
    watchVideo: 'Watch the video message',
    videoMessage: 'Video message',
    disputeReasons: {
      pricing: 'pricing',
      quantity: 'quantity',
      quality: 'quality',
      not_received: 'goods or services not received',
      duplicate_billing: 'duplicate billing',
      po_missing: 'missing purchase order',
      other: 'other',
    },
  },
  de: {
    invoice: 'Rechnung',
    due: 'Fällig',
    amount: 'Betrag',
    balance: 'Offen',
    daysLate: 'Tage überfällig',
    pay: 'Bezahlen',
    qrAlt: 'QR-Code für den Zahlungslink',
    playVideo: 'Videonachricht abspielen',
    watchVideo: 'Videonachricht ansehen',
    videoMessage: 'Videonachricht',
    disputeReasons: {
      pricing: 'Preis',
      quantity: 'Menge',
      quality: 'Qualität',
      not_received: 'Ware oder Leistung nicht erhalten',
      duplicate_billing: 'doppelte Rechnungsstellung',
      po_missing: 'fehlende Bestellnummer',
      other: 'Sonstiges',
    },
  },
  fr: {
    invoice: 'Facture',
    due: 'Échéance',
    amount: 'Montant',
    balance: 'Solde',
    daysLate: 'Jours de retard',
    pay: 'Payer',
    qrAlt: 'QR code du lien de paiement',
    playVideo: 'Lire le message vidéo',
    watchVideo: 'Voir le message vidéo',
    videoMessage: 'Message vidéo',
    disputeReasons: {
      pricing: 'prix',
      quantity: 'quantité',
      quality: 'qualité',
      not_received: 'marchandises ou prestations non reçues',
      duplicate_billing: 'double facturation',
      po_missing: 'bon de commande manquant',
      other: 'autre',
    },
  },
  es: {
    invoice: 'Factura',
    due: 'Vencimiento',
    amount: 'Importe',
    balance: 'Pendiente',
    daysLate: 'Días de retraso',
    pay: 'Pagar',
    qrAlt: 'Código QR del enlace de pago',
    playVideo: 'Reproducir el mensaje de vídeo',
    watchVideo: 'Ver el mensaje de vídeo',
    videoMessage: 'Mensaje de vídeo',
    disputeReasons: {
      pricing: 'precio',
      quantity: 'cantidad',
      quality: 'calidad',
      not_received: 'mercancía o servicio no recibido',
      duplicate_billing: 'facturación duplicada',
      po_missing: 'falta el número de pedido',
      other: 'otro',
    },
  },
};
