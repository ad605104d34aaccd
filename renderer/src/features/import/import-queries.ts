import type { ImportPreview, PresetInfo } from '../../../../shared/api';
import type { ImportMapping } from '../../../../shared/import-mapping';
import type { ApiError } from '../../lib/api-error';
import { useCoreQuery } from '../../lib/core-query';
import { selectionOf, useImport } from './import-store';

export interface ImportPreviewQuery {
  /** The staged file read under the current choice; the previous choice's while a new one loads. */
  preview: ImportPreview | null;
  /** The file is being opened, or the preview read again. */
  busy: boolean;
  error: ApiError | null;
}

/**
 * The preview as a query keyed by the file and the choice, so an answer for a choice the user has
 * already left never lands over the newer one (TanStack Query keeps each answer under its own key).
 */
export function useImportPreview(): ImportPreviewQuery {
  const { file, choice, draft, opening } = useImport();
  // A custom mapping not complete yet reads the file as first opened (its headers and first rows,
  // cached by openFile): the mapping editor offers those headers. Seen: a file no preset knew had
  // nothing to choose from, so it could never be mapped.
  const selection = selectionOf({ choice, draft }) ?? {};
  const query = useCoreQuery('import.preview', file ? { fileId: file.fileId, ...selection } : null);
  return { preview: file ? (query.data ?? null) : null, busy: opening || query.loading, error: query.error };
}

/** The built-in presets and the user's saved mappings, for the "Read as" choice. */
export function useImportOptions(): { presets: PresetInfo[]; saved: { name: string; mapping: ImportMapping }[]; error: ApiError | null } {
  const presets = useCoreQuery('import.presets', {});
  const saved = useCoreQuery('import.mappings.list', {});
  return { presets: presets.data ?? [], saved: saved.data ?? [], error: presets.error ?? saved.error };
}
