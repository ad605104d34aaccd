import { useEffect, useState } from 'react';
import { useCoreQuery } from '../lib/core-query';
import { formatAmount } from '../lib/format';
import type { Command } from './commands';
import { useNav } from './nav-store';

/** Typing pauses this long before the database is asked, so a fast typist sends one search, not ten. */
const PAUSE_MS = 120;

/**
 * What the palette finds in the book for the text typed: customers, invoices and contacts, each a
 * palette entry that opens the customer. Answers are cached by text, so deleting a letter shows its results at once.
 */
export function usePaletteSearch(query: string): Command[] {
  const openCustomer = useNav((nav) => nav.openCustomer);
  const text = query.trim();
  const [asked, setAsked] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useCoreQuery('search.find', asked ? { query: asked } : null).data;
  if (!text || !asked || !found) return [];
  const { customers, invoices, contacts } = found;
  return [
    ...customers.map((c): Command => ({
      id: `customer.${c.customerId}`,
      group: 'Customers',
      label: c.name,
      detail: c.externalId,
      run: () => openCustomer(c.customerId),
    })),
    ...invoices.map((i): Command => ({
      id: `invoice.${i.invoiceId}`,
      group: 'Invoices',
      label: i.number,
      detail: `${i.customerName} · ${i.status === 'open' ? `${formatAmount(i.openMinor, i.currency)} open` : i.status}`,
      run: () => openCustomer(i.customerId),
    })),
    ...contacts.map((c): Command => ({
      id: `contact.${c.contactId}`,
      group: 'Contacts',
      label: c.name,
      detail: [c.customerName, c.email ?? c.phone].filter(Boolean).join(' · '),
      run: () => openCustomer(c.customerId),
    })),
  ];
}
