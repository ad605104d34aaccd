import { useEffect, useState } from 'react';
import type { SearchResults } from '../../../shared/search';
import { call } from '../lib/api';
import { formatAmount } from '../lib/format';
import type { Command } from './commands';
import { useNav } from './nav-store';

/** Typing pauses this long before the database is asked, so a fast typist sends one search, not ten. */
const PAUSE_MS = 120;

/**
 * What the palette finds in the book for the text typed: customers, invoices and contacts, each a
 * palette entry that opens the customer. The latest answer wins; an older one arriving late is dropped.
 */
export function usePaletteSearch(query: string): Command[] {
  const openCustomer = useNav((nav) => nav.openCustomer);
  const [found, setFound] = useState<{ query: string; results: SearchResults } | null>(null);
  const text = query.trim();
  useEffect(() => {
    if (!text) return;
    let live = true;
    const timer = setTimeout(() => {
      call('search.find', { query: text }).then(
        (results) => live && setFound({ query: text, results }),
        () => live && setFound(null),
      );
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  if (!text || !found) return [];
  const { customers, invoices, contacts } = found.results;
  return [
    ...customers.map((c): Command => ({ id: `customer.${c.customerId}`, group: 'Customers', label: c.name, detail: c.externalId, run: () => openCustomer(c.customerId) })),
    ...invoices.map((i): Command => ({
      id: `invoice.${i.invoiceId}`, group: 'Invoices', label: i.number,
      detail: `${i.customerName} · ${i.status === 'open' ? `${formatAmount(i.openMinor, i.currency)} open` : i.status}`,
      run: () => openCustomer(i.customerId),
    })),
    ...contacts.map((c): Command => ({
      id: `contact.${c.contactId}`, group: 'Contacts', label: c.name, detail: [c.customerName, c.email ?? c.phone].filter(Boolean).join(' · '),
      run: () => openCustomer(c.customerId),
    })),
  ];
}
