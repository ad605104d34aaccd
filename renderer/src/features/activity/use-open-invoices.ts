import { useCoreQuery } from '../../lib/core-query';

/** The customer's open invoices, for the forms that act on some of them. */
export function useOpenInvoices(customerId: number) {
  return useCoreQuery('customer.invoices', { customerId, openOnly: true }).data ?? [];
}
