import { useState } from 'react';
import type { StatementKind } from '../../../../shared/documents';
import { Kbd } from '../../app/Kbd';
import { DateCell } from '../../components/DateCell';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Money } from '../../components/Money';
import { saveExportedFile } from '../../lib/save-file';
import { useCoreQuery } from '../../lib/core-query';
import { ChargesPush } from './ChargesPush';

const KIND_WORDS: Record<string, string> = { invoice: 'Invoice', credit_note: 'Credit note', unapplied_payment: 'Payment on account' };

/**
 * The customer's statement in the side pane (Shift+S): the figures the PDF shows, as of today, and
 * the PDF itself to save or print. Made by the core, so the pane and the paper never disagree.
 */
export function StatementPanel({
  customerId,
  asOf,
  onClose,
  chargesFocus = 0,
  readOnly = null,
}: {
  customerId: number;
  asOf: string;
  onClose: () => void;
  /** Bumped by Shift+I: the charges' invoice button takes the focus. */
  chargesFocus?: number;
  readOnly?: Record<string, unknown> | null;
}) {
  const [kind, setKind] = useState<StatementKind>('open_items');
  const statement = useCoreQuery('documents.statement', { customerId, kind, asOf });
  const doc = statement.data;
  return (
    <div className="statement-panel" data-testid="statement-panel" aria-label="Statement">
      <div className="section-head">
        <h3>Statement</h3>
        <select className="input small" value={kind} onChange={(event) => setKind(event.target.value as StatementKind)} aria-label="Statement kind">
          <option value="open_items">Open items</option>
          <option value="activity">Activity, last 3 months</option>
        </select>
        <button type="button" className="button ghost small" onClick={onClose}>
          Close <Kbd keys={['Esc']} />
        </button>
      </div>
      {statement.error && <ErrorNotice error={statement.error} title="The statement could not be made." onRetry={statement.reload} />}
      {!doc && !statement.error && <p className="muted">Making the statement…</p>}
      {doc && (
        <>
          <p className="muted">
            {doc.preview.kind === 'open_items' ? (
              <>
                Open items as of <DateCell date={doc.preview.asOf} />
              </>
            ) : (
              <>
                From <DateCell date={doc.preview.from!} /> to <DateCell date={doc.preview.asOf} />
              </>
            )}
          </p>
          {doc.preview.sections.length === 0 && <p>Nothing is open on this account: the statement says so.</p>}
          {doc.preview.sections.map((section) => (
            <table key={section.currency} className="statement-lines">
              <caption>{section.currency}</caption>
              <tbody>
                {section.openingMinor !== null && (
                  <tr>
                    <td colSpan={2}>Opening balance</td>
                    <td className="num">
                      <Money minor={section.openingMinor} currency={section.currency} />
                    </td>
                  </tr>
                )}
                {section.lines.map((line, index) => (
                  <tr key={`${line.reference}-${index}`}>
                    <td>
                      {line.reference || line.description}
                      <span className="muted"> {KIND_WORDS[line.description] ?? (line.reference ? line.description : '')}</span>
                    </td>
                    <td className="muted">{line.daysOverdue ? `${line.daysOverdue} d` : <DateCell date={line.date} />}</td>
                    <td className="num">
                      <Money minor={line.balanceMinor ?? line.amountMinor} currency={section.currency} />
                    </td>
                  </tr>
                ))}
                <tr className="total">
                  <td colSpan={2}>{section.openingMinor !== null ? 'Closing balance' : 'Total due'}</td>
                  <td className="num">
                    <Money minor={section.totalMinor} currency={section.currency} />
                  </td>
                </tr>
                {section.charges && (
                  <tr className="charges">
                    <td colSpan={2}>Late-payment charges, apart</td>
                    <td className="num">
                      <Money minor={section.charges.interest + section.charges.fixedFees - section.charges.waived} currency={section.currency} />
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          ))}
          {doc.preview.sections.some((section) => section.charges) && (
            <ChargesPush customerId={customerId} asOf={asOf} focus={chargesFocus} readOnly={readOnly} />
          )}
          <div className="statement-actions">
            <button type="button" className="button primary small" onClick={() => saveExportedFile(doc)}>
              Save PDF to print or send
            </button>
            <span className="muted">{doc.fileName}</span>
          </div>
        </>
      )}
    </div>
  );
}
