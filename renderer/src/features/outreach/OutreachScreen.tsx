import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { useApi } from '../../lib/use-api';
import { useState } from 'react';
import { BulkSend } from './BulkSend';
import { LadderPanel } from './LadderPanel';
import { TemplateEditor } from './TemplateEditor';
import { FreshnessBanner } from './FreshnessBanner';
import { outboxColumns } from './outbox-columns';
import { useOutreachSelection } from './outreach-store';
import { useOutboxChanges } from './use-outbox-changes';
import './outreach.css';

/** Bulk sends (customers ticked in the worklist) and the outbox: what went out, what failed, what needs a decision. */
export function OutreachScreen() {
  const [tab, setTab] = useState<'outbox' | 'ladder' | 'templates'>('outbox');
  const { customers, pick } = useOutreachSelection();
  const outbox = useApi('outbox.list', { limit: 5000 });
  useOutboxChanges(() => outbox.reload());
  const columns = outboxColumns(outbox.reload);
  const rows = outbox.data ?? [];
  return (
    <div className="outreach">
      <div className="segmented outreach-tabs" role="tablist">
        {(['outbox', 'ladder', 'templates'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'segment-button active' : 'segment-button'} onClick={() => setTab(name)}>
            {{ outbox: 'Outbox', ladder: 'Ladder', templates: 'Templates' }[name]}
          </button>
        ))}
      </div>
      {tab === 'templates' && <TemplateEditor />}
      {tab === 'ladder' && <LadderPanel />}
      {tab === 'outbox' && <>
      <FreshnessBanner />
      {customers.length > 0 && <BulkSend key={customers.map((c) => c.customerId).join()} customers={customers} onDone={() => { pick([]); outbox.reload(); }} />}
      {rows.length === 0 && customers.length === 0 ? (
        <EmptyState title="Nothing sent yet">
          <p>In the worklist, tick customers with <kbd>x</kbd> and press <kbd>e</kbd> to email them; every message you send is listed here.</p>
        </EmptyState>
      ) : (
        <section className="card outbox" aria-label="Outbox">
          <DataTable data={rows} columns={columns} label="Outbox" testId="outbox-table" filterPlaceholder="Filter by customer, subject or status…" />
        </section>
      )}
      </>}
    </div>
  );
}
