import { templateLanguage, type TemplateLanguage } from '../../../shared/customer-locale';

/**
 * The words Inflow prints on a statement, a letter's letterhead and the remittance slip, in each
 * language it ships email templates in: a customer reads its paper in the language its emails use
 * (the customer's locale, as mail/reader-format.ts decides it). Short on purpose: several are
 * table headings and slip labels in narrow columns.
 */
export interface DocumentWords {
  statementDate: string;
  customerNo: string;
  date: string;
  period: string;
  statementTitle: string;
  openItemsAsOf: (date: string) => string;
  nothingOpen: string;
  amountsIn: (currency: string) => string;
  itemColumns: { document: string; type: string; date: string; due: string; daysOverdue: string; amount: string; open: string };
  kinds: { invoice: string; credit_note: string; unapplied_payment: string };
  totalDue: (currency: string) => string;
  notYetDue: string;
  days: (range: string) => string;
  total: string;
  chargesTitle: string;
  chargeColumns: { invoice: string; due: string; days: string; rate: string; interest: string; fixedFee: string; waived: string };
  charges: (currency: string) => string;
  chargesToPay: (currency: string) => string;
  balanceAndCharges: (currency: string) => string;
  howToPay: string;
  payOnline: (link: string) => string;
  quoteCustomerNo: (externalId: string) => string;
  cutHere: string;
  remittanceTitle: string;
  slip: { from: string; payTo: string; amountDue: (currency: string) => string; enclosed: string };
  regNo: string;
  taxId: string;
  page: (n: number, of: number) => string;
  activityTitle: string;
  activityPeriod: (from: string, to: string) => string;
  activitySubtitle: (period: string) => string;
  noActivity: string;
  activityColumns: { date: string; reference: string; description: string; amount: string; balance: string };
  openingBalance: string;
  closingBalance: (currency: string) => string;
}

const WORDS: Record<TemplateLanguage, DocumentWords> = {
  en: {
    statementDate: 'Statement date',
    customerNo: 'Customer no.',
    date: 'Date',
    period: 'Period',
    statementTitle: 'Statement of account',
    openItemsAsOf: (date) => `Open items as of ${date}, end of day`,
    nothingOpen: 'Nothing is open on this account. Thank you.',
    amountsIn: (currency) => `Amounts in ${currency}`,
    itemColumns: { document: 'Document', type: 'Type', date: 'Date', due: 'Due', daysOverdue: 'Days overdue', amount: 'Amount', open: 'Open' },
    kinds: { invoice: 'Invoice', credit_note: 'Credit note', unapplied_payment: 'Payment on account' },
    totalDue: (currency) => `Total due ${currency}`,
    notYetDue: 'Not yet due',
    days: (range) => `${range} days`,
    total: 'Total',
    chargesTitle: 'Late-payment charges (not included in the balance above)',
    chargeColumns: { invoice: 'Invoice', due: 'Due', days: 'Days', rate: 'Rate a year', interest: 'Interest', fixedFee: 'Fixed fee', waived: 'Waived' },
    charges: (currency) => `Charges ${currency}`,
    chargesToPay: (currency) => `Charges to pay ${currency}`,
    balanceAndCharges: (currency) => `Balance and charges due ${currency}`,
    howToPay: 'How to pay',
    payOnline: (link) => `Pay online: ${link}`,
    quoteCustomerNo: (id) => `Please quote your customer number ${id} with your payment.`,
    cutHere: 'Cut here',
    remittanceTitle: 'Remittance advice: please return this part with your payment',
    slip: { from: 'From', payTo: 'Pay to', amountDue: (currency) => `Amount due ${currency}`, enclosed: 'Amount enclosed' },
    regNo: 'Reg. no.',
    taxId: 'Tax ID',
    page: (n, of) => `Page ${n} of ${of}`,
    activityTitle: 'Statement of account activity',
    activityPeriod: (from, to) => `${from} to ${to}`,
    activitySubtitle: (period) => `${period}, balances at the end of each day`,
    noActivity: 'No balance and no activity in this period.',
    activityColumns: { date: 'Date', reference: 'Reference', description: 'Description', amount: 'Amount', balance: 'Balance' },
    openingBalance: 'Opening balance',
    closingBalance: (currency) => `Closing balance ${currency}`,
  },
  de: {
    statementDate: 'Datum',
    customerNo: 'Kundennr.',
    date: 'Datum',
    period: 'Zeitraum',
    statementTitle: 'Kontoauszug',
    openItemsAsOf: (date) => `Offene Posten zum ${date}, Tagesende`,
    nothingOpen: 'Auf diesem Konto ist nichts offen. Vielen Dank.',
    amountsIn: (currency) => `Beträge in ${currency}`,
    itemColumns: { document: 'Beleg', type: 'Art', date: 'Datum', due: 'Fällig', daysOverdue: 'Verzugstage', amount: 'Betrag', open: 'Offen' },
    kinds: { invoice: 'Rechnung', credit_note: 'Gutschrift', unapplied_payment: 'Zahlung a conto' },
    totalDue: (currency) => `Gesamt ${currency}`,
    notYetDue: 'Nicht fällig',
    days: (range) => `${range} Tage`,
    total: 'Gesamt',
    chargesTitle: 'Verzugskosten (nicht im obigen Saldo enthalten)',
    chargeColumns: { invoice: 'Rechnung', due: 'Fällig', days: 'Tage', rate: 'Zins p. a.', interest: 'Zinsen', fixedFee: 'Pauschale', waived: 'Erlassen' },
    charges: (currency) => `Kosten ${currency}`,
    chargesToPay: (currency) => `Zu zahlende Kosten ${currency}`,
    balanceAndCharges: (currency) => `Saldo und Kosten fällig ${currency}`,
    howToPay: 'So bezahlen Sie',
    payOnline: (link) => `Online bezahlen: ${link}`,
    quoteCustomerNo: (id) => `Bitte geben Sie bei der Zahlung Ihre Kundennummer ${id} an.`,
    cutHere: 'Hier abtrennen',
    remittanceTitle: 'Zahlungsavis: bitte diesen Teil mit Ihrer Zahlung zurücksenden',
    slip: { from: 'Von', payTo: 'Zahlung an', amountDue: (currency) => `Fällig ${currency}`, enclosed: 'Gezahlter Betrag' },
    regNo: 'Reg.-Nr.',
    taxId: 'USt-IdNr.',
    page: (n, of) => `Seite ${n} von ${of}`,
    activityTitle: 'Kontobewegungen',
    activityPeriod: (from, to) => `${from} bis ${to}`,
    activitySubtitle: (period) => `${period}, Salden jeweils zum Tagesende`,
    noActivity: 'Kein Saldo und keine Bewegungen in diesem Zeitraum.',
    activityColumns: { date: 'Datum', reference: 'Referenz', description: 'Beschreibung', amount: 'Betrag', balance: 'Saldo' },
    openingBalance: 'Anfangssaldo',
    closingBalance: (currency) => `Endsaldo ${currency}`,
  },
  fr: {
    statementDate: 'Date du relevé',
    customerNo: 'N° client',
    date: 'Date',
    period: 'Période',
    statementTitle: 'Relevé de compte',
    openItemsAsOf: (date) => `Pièces ouvertes au ${date}, fin de journée`,
    nothingOpen: 'Aucune pièce ouverte sur ce compte. Merci.',
    amountsIn: (currency) => `Montants en ${currency}`,
    itemColumns: { document: 'Pièce', type: 'Type', date: 'Date', due: 'Échéance', daysOverdue: 'Retard (j)', amount: 'Montant', open: 'Restant' },
    kinds: { invoice: 'Facture', credit_note: 'Avoir', unapplied_payment: 'Paiement non affecté' },
    totalDue: (currency) => `Total dû ${currency}`,
    notYetDue: 'Non échu',
    days: (range) => `${range} jours`,
    total: 'Total',
    chargesTitle: 'Pénalités de retard (non comprises dans le solde ci-dessus)',
    chargeColumns: { invoice: 'Facture', due: 'Échéance', days: 'Jours', rate: 'Taux annuel', interest: 'Intérêts', fixedFee: 'Indemnité', waived: 'Remis' },
    charges: (currency) => `Pénalités ${currency}`,
    chargesToPay: (currency) => `Pénalités à payer ${currency}`,
    balanceAndCharges: (currency) => `Solde et pénalités dus ${currency}`,
    howToPay: 'Comment payer',
    payOnline: (link) => `Payer en ligne : ${link}`,
    quoteCustomerNo: (id) => `Merci d’indiquer votre numéro client ${id} avec votre paiement.`,
    cutHere: 'Découper ici',
    remittanceTitle: 'Avis de paiement : à retourner avec votre règlement',
    slip: { from: 'De', payTo: 'À payer à', amountDue: (currency) => `Dû ${currency}`, enclosed: 'Montant réglé' },
    regNo: 'N° RCS',
    taxId: 'N° TVA',
    page: (n, of) => `Page ${n} sur ${of}`,
    activityTitle: 'Relevé des mouvements du compte',
    activityPeriod: (from, to) => `du ${from} au ${to}`,
    activitySubtitle: (period) => `${period}, soldes en fin de journée`,
    noActivity: 'Aucun solde et aucun mouvement sur cette période.',
    activityColumns: { date: 'Date', reference: 'Référence', description: 'Libellé', amount: 'Montant', balance: 'Solde' },
    openingBalance: 'Solde d’ouverture',
    closingBalance: (currency) => `Solde de clôture ${currency}`,
  },
  es: {
    statementDate: 'Fecha del extracto',
    customerNo: 'N.º de cliente',
    date: 'Fecha',
    period: 'Periodo',
    statementTitle: 'Extracto de cuenta',
    openItemsAsOf: (date) => `Partidas abiertas al ${date}, fin del día`,
    nothingOpen: 'No hay nada pendiente en esta cuenta. Gracias.',
    amountsIn: (currency) => `Importes en ${currency}`,
    itemColumns: { document: 'Documento', type: 'Tipo', date: 'Fecha', due: 'Vence', daysOverdue: 'Días mora', amount: 'Importe', open: 'Pendiente' },
    kinds: { invoice: 'Factura', credit_note: 'Abono', unapplied_payment: 'Pago a cuenta' },
    totalDue: (currency) => `Total ${currency}`,
    notYetDue: 'No vencido',
    days: (range) => `${range} días`,
    total: 'Total',
    chargesTitle: 'Recargos por demora (no incluidos en el saldo anterior)',
    chargeColumns: { invoice: 'Factura', due: 'Vence', days: 'Días', rate: 'Tipo anual', interest: 'Intereses', fixedFee: 'Cargo fijo', waived: 'Condonado' },
    charges: (currency) => `Recargos ${currency}`,
    chargesToPay: (currency) => `Recargos a pagar ${currency}`,
    balanceAndCharges: (currency) => `Saldo y recargos adeudados ${currency}`,
    howToPay: 'Cómo pagar',
    payOnline: (link) => `Pagar en línea: ${link}`,
    quoteCustomerNo: (id) => `Indique su número de cliente ${id} con su pago.`,
    cutHere: 'Cortar aquí',
    remittanceTitle: 'Aviso de pago: devuelva esta parte con su pago',
    slip: { from: 'De', payTo: 'Pagar a', amountDue: (currency) => `Adeudado ${currency}`, enclosed: 'Importe pagado' },
    regNo: 'N.º registro',
    taxId: 'NIF',
    page: (n, of) => `Página ${n} de ${of}`,
    activityTitle: 'Extracto de movimientos',
    activityPeriod: (from, to) => `del ${from} al ${to}`,
    activitySubtitle: (period) => `${period}, saldos al final de cada día`,
    noActivity: 'Sin saldo ni movimientos en este periodo.',
    activityColumns: { date: 'Fecha', reference: 'Referencia', description: 'Descripción', amount: 'Importe', balance: 'Saldo' },
    openingBalance: 'Saldo inicial',
    closingBalance: (currency) => `Saldo final ${currency}`,
  },
};

/** The document words for a reader's locale: its language's, English when Inflow has no templates in it. */
export function documentWords(locale: string): DocumentWords {
  return WORDS[templateLanguage(locale)];
}
