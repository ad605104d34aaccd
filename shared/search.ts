/** What the command palette finds besides commands: customers, invoices and contacts. */
export interface SearchResults {
  customers: { customerId: number; externalId: string; name: string }[];
  invoices: { invoiceId: number; number: string; customerId: number; customerName: string; currency: string; openMinor: number; status: string }[];
  contacts: { contactId: number; name: string; email: string | null; phone: string | null; customerId: number; customerName: string }[];
}
