import { useState } from 'react';
import { localToday } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCoreQuery } from '../../lib/core-query';
import { customerColumns } from './customer-columns';
import { CustomerPage } from './CustomerPage';

/**
 * Every customer with an open balance (a credit balance counts), one row per currency owed, with the
 * same open balance the aging and the customer page show; "owing nothing too" lists the rest.
 * j/k and Enter work at once.
 */
export function CustomersScreen() {
  const [asOf] = useState(() => localToday());
  const [all, setAll] = useState(false);
  const customers = useCoreQuery('customers.list', { asOf, all });
  const go = useNav((nav) => nav.go);
  const openCustomer = useNav((nav) => nav.openCustomer);
  const customerId = useNav((nav) => nav.customerId);

  if (customerId !== null) return <CustomerPage customerId={customerId} />;
  if (customers.error) return <ErrorNotice error={customers.error} title="Customers could not be loaded." onRetry={customers.reload} />;
  if (!customers.data) return null;
  if (customers.data.length === 0 && !all) {
    return (
      <EmptyState
        title="No customer owes anything"
        actions={
          <>
            <button type="button" className="button primary" onClick={() => go('import')}>
              Import your ERP’s open invoices
            </button>
            <button type="button" className="button" onClick={() => setAll(true)}>
              Show every customer
            </button>
          </>
        }
      >
        <p>Customers with an open balance appear here as soon as you import invoices.</p>
      </EmptyState>
    );
  }
  return (
    <div className="screen-fill">
      <DataTable
        data={customers.data}
        columns={customerColumns}
        label="Customers"
        testId="customers-table"
        filterPlaceholder="Filter customers…"
        initialSort={[{ id: 'overdueMinor', desc: true }]}
        screenKeys
        onActivate={(row) => openCustomer(row.id)}
        toolbar={
          <label className="checkbox table-option">
            <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} data-testid="customers-all" /> Also customers owing nothing
          </label>
        }
      />
    </div>
  );
}
