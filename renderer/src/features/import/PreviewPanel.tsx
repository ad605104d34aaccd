import { DataTable } from '../../components/DataTable';
import { plural } from '../../lib/format';
import { useImportPreview } from './import-queries';
import { CUSTOM, useImport } from './import-store';
import { PreviewTable } from './PreviewTable';
import { problemColumns } from './problem-columns';

/** The preview rows, and whatever the chosen mapping would refuse in them. */
export function PreviewPanel() {
  const { choice, draft } = useImport();
  const { preview, busy } = useImportPreview();
  if (!preview) return null;
  const mapping = choice === CUSTOM ? draft : preview.mapping;
  const problems = preview.problems;
  return (
    <section className="card preview-card" aria-label="Preview" aria-busy={busy}>
      <header className="card-header">
        <h2>Preview</h2>
        <span className="muted">
          {preview.rows.length === 0 ? 'No rows under the header' : `First ${plural(preview.rows.length, 'row')}`} · header on{' '}
          {preview.sheet === undefined ? 'line' : 'row'} {preview.headerRow} ·{' '}
          {preview.sheet === undefined ? (
            <>
              delimiter <code className="raw">{preview.delimiter === '\t' ? 'tab' : preview.delimiter}</code>
            </>
          ) : (
            <>
              sheet <code className="raw">{preview.sheet}</code>
            </>
          )}
        </span>
        <span className="spacer" />
        {problems.length === 0 ? (
          <span className="ok-text">{mapping ? 'These rows read cleanly.' : 'Choose how to read this file.'}</span>
        ) : (
          <span className="problem-text">{plural(problems.length, 'problem')} in these rows</span>
        )}
      </header>
      <PreviewTable preview={preview} mapping={mapping} />
      {problems.length > 0 && (
        <div className="problem-table small">
          <DataTable data={problems} columns={problemColumns} label="Problems in the preview rows" filterPlaceholder="Filter problems…" />
        </div>
      )}
    </section>
  );
}
