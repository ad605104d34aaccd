import type { SearchResults } from '../../../shared/search';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';

const LIMIT = 8;

/** LIKE's wildcards in what the user typed are literal characters. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Customers by name or ERP id, invoices by number, contacts by name, email or phone: anything
 * containing what was typed (case-insensitive), those starting with it first, a few of each.
 */
export function searchEverything(sqlite: SqliteDb, query: string): SearchResults {
  const params = { anywhere: `%${escapeLike(query)}%`, start: `${escapeLike(query)}%`, limit: LIMIT };
  return {
    customers: prepareCached(
      sqlite,
      `SELECT id AS customerId, external_id AS externalId, name FROM customers
      WHERE name LIKE @anywhere ESCAPE '\\' OR external_id LIKE @anywhere ESCAPE '\\'
      ORDER BY (name LIKE @start ESCAPE '\\' OR external_id LIKE @start ESCAPE '\\') DESC, name LIMIT @limit`,
    ).all(params) as SearchResults['customers'],
    invoices: prepareCached(
      sqlite,
      `SELECT i.id AS invoiceId, i.number, i.customer_id AS customerId, c.name AS customerName, i.currency,
        i.open_minor AS openMinor, i.status FROM invoices i JOIN customers c ON c.id = i.customer_id
      WHERE i.number LIKE @anywhere ESCAPE '\\' AND i.status != 'void'
      ORDER BY (i.number LIKE @start ESCAPE '\\') DESC, i.status = 'open' DESC, i.number LIMIT @limit`,
    ).all(params) as SearchResults['invoices'],
    contacts: prepareCached(
      sqlite,
      `SELECT ct.id AS contactId, ct.name, ct.email, ct.phone, ct.customer_id AS customerId, c.name AS customerName
      FROM contacts ct JOIN customers c ON c.id = ct.customer_id
      WHERE ct.name LIKE @anywhere ESCAPE '\\' OR ct.email LIKE @anywhere ESCAPE '\\' OR ct.phone LIKE @anywhere ESCAPE '\\'
      ORDER BY (ct.name LIKE @start ESCAPE '\\') DESC, ct.name LIMIT @limit`,
    ).all(params) as SearchResults['contacts'],
  };
}
