import { useState } from 'react';
import { localToday } from '../../../../shared/dates';
import { useNav } from '../../app/nav-store';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApi } from '../../lib/use-api';
import { customerColumns } from './customer-columns';
import { CustomerPage } from './CustomerPage';

export function CustomersScreen() {
  const [asOf] = useState(() => localToday());
  const customers = useApi('customers.list', { asOf });
  const go = useNav((nav) => nav.go);
  const openCustomer = useNav((nav) => nav.openCustomer);
  const customerId = useNav((nav) => nav.customerId);

  if (customerId !== null) return <CustomerPage customerId={customerId} />;
  if (customers.error) return <ErrorNotice error={customers.error} title="Customers could not be loaded." onRetry={customers.reload} />;
  if (!customers.data) return null;
  if (customers.data.length === 0) {
    return (
      <EmptyState
        title="No customers yet"
        actions={
          <button type="button" className="button primary" onClick={() => go('import')}>
            Import your ERP’s open invoices
          </button>
        }
      >
        <p>Customers appear here as soon as you import invoices or a customer list.</p>
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
        onActivate={(row) => openCustomer(row.id)}
      />
    </div>
  );
}
