import { Kbd } from '../../app/Kbd';
import { EmptyState } from '../../components/EmptyState';
import { useImportOptions } from './import-queries';
import { useImport } from './import-store';

/** Before a file is chosen: the one action, and the formats Inflow reads without any setup. */
export function ImportStart() {
  const { pickFile, opening: busy } = useImport();
  const { presets } = useImportOptions();
  return (
    <EmptyState
      title="Import your ERP’s open invoices"
      actions={
        <button type="button" className="button primary" data-testid="import-pick" disabled={busy} onClick={() => void pickFile()}>
          Choose a CSV or Excel file <Kbd keys={['o']} />
        </button>
      }
      details={
        <>
          <h3 className="details-title">Recognised without setup</h3>
          <dl className="preset-list">
            {presets.map((preset) => (
              <div key={preset.id}>
                <dt>{preset.label}</dt>
                <dd>{preset.description}</dd>
              </div>
            ))}
            <div>
              <dt>Anything else</dt>
              <dd>Map the columns once, then save the mapping for next time.</dd>
            </div>
          </dl>
        </>
      }
    >
      <p>
        Inflow recognises common exports from their headers and shows the first rows before anything is written. Nothing is imported unless every row is valid,
        and importing the same file twice changes nothing.
      </p>
    </EmptyState>
  );
}
