import { useState } from 'react';
import type { StagedFile } from '../../../../shared/shell-api';
import { Kbd } from '../../app/Kbd';
import { formatCount } from '../../lib/format';
import { useImportRun } from './import-run-store';
import { useImportPreview } from './import-queries';
import { selectionOf, useImport } from './import-store';

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${formatCount(Math.ceil(bytes / 1024))} KB` : `${formatCount(Math.round(bytes / 1024 / 102.4) / 10)} MB`;
}

/** The chosen file, another-file, and the import itself (snapshot option + Import). */
export function ImportToolbar({ file }: { file: StagedFile }) {
  const { pickFile, choice, draft } = useImport();
  const { preview, busy } = useImportPreview();
  const selection = selectionOf({ choice, draft });
  const { run, jobId } = useImportRun();
  const [snapshot, setSnapshot] = useState(false);
  const kind = selection && 'mapping' in selection ? selection.mapping.kind : preview?.mapping?.kind;
  // A file with no data rows is refused here, at the preview (the import would refuse it whole anyway).
  const empty = preview !== null && preview.rows.every((row) => row.every((cell) => cell.trim() === ''));
  const ready = selection !== null && jobId === null && !busy && !empty;

  return (
    <div className="screen-toolbar import-toolbar">
      <div className="file-chip" title={file.name}>
        <span className="file-name">{file.name}</span>
        <span className="muted">{fileSize(file.size)}</span>
      </div>
      <button type="button" className="button ghost small" data-testid="import-pick" disabled={busy || jobId !== null} onClick={() => void pickFile()}>
        Choose another <Kbd keys={['o']} />
      </button>
      {busy && (
        <span className="muted" role="status">
          Reading the file…
        </span>
      )}
      <span className="spacer" />
      <label className="checkbox" title="Use when the file lists every open invoice from this ERP.">
        <input
          type="checkbox"
          checked={snapshot}
          disabled={kind !== undefined && kind !== 'invoices'}
          onChange={(event) => setSnapshot(event.target.checked)}
        />
        Snapshot: close open invoices missing from this file
      </label>
      <button
        type="button"
        className="button primary"
        data-testid="import-run"
        aria-disabled={!ready}
        title={empty ? 'This file has no rows to import.' : undefined}
        onClick={() => ready && void run(file.fileId, selection, snapshot && (kind === undefined || kind === 'invoices'))}
      >
        Import
      </button>
    </div>
  );
}
