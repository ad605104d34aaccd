import { useApi } from '../../lib/use-api';

/** The customer's open invoices, for the forms that act on some of them. */
export function useOpenInvoices(customerId: number) {
  return useApi('customer.invoices', { customerId, openOnly: true }).data ?? [];
}
