import { useCommand } from '../../app/use-command';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DropZone } from './DropZone';
import { useImportOptions, useImportPreview } from './import-queries';
import { CUSTOM, useImport } from './import-store';
import { ImportStart } from './ImportStart';
import { ImportToolbar } from './ImportToolbar';
import { MappingEditor } from './MappingEditor';
import { PresetPicker } from './PresetPicker';
import { PreviewPanel } from './PreviewPanel';
import { RunResult } from './RunResult';
import './import.css';

/** The import flow on one screen: file → preset or mapping → preview → import → summary or problems. */
export function ImportScreen() {
  const { file, choice, error: openError, pickFile, dropFile } = useImport();
  const { error: previewError } = useImportPreview();
  const { error: optionsError } = useImportOptions();
  const error = openError ?? previewError ?? optionsError;
  useCommand('import.pick', () => void pickFile());

  const notice = error && <ErrorNotice error={error} title="The file could not be read." />;
  const drop = (next: File) => void dropFile(next);
  if (!file) {
    return (
      <DropZone onFile={drop}>
        {notice}
        <ImportStart />
      </DropZone>
    );
  }
  return (
    <DropZone onFile={drop}>
      <div className="import">
        <ImportToolbar file={file} />
        {notice}
        <RunResult />
        <section className="card mapping-card" aria-label="How to read this file">
          <PresetPicker />
          {choice === CUSTOM && <MappingEditor />}
        </section>
        <PreviewPanel />
      </div>
    </DropZone>
  );
}
