import { create } from 'zustand';
import type { ImportPreview } from '../../../../shared/api';
import type { StagedFile } from '../../../../shared/shell-api';
import { IMPORT_EXTENSIONS } from '../../../../shared/import-mapping';
import { api, call } from '../../lib/api';
import { ApiError, toApiError } from '../../lib/api-error';
import { coreKey, invalidate, queryClient } from '../../lib/core-query';
import { useImportRun, type ImportSelection } from './import-run-store';
import { checkDraft, emptyDraft, suggestedDraft, type MappingDraft } from './mapping-draft';

/** Select values: a preset id, "saved:<name>" for a saved mapping, or "custom". */
export const CUSTOM = 'custom';
export const SAVED = 'saved:';

interface ImportState {
  file: StagedFile | null;
  choice: string;
  draft: MappingDraft;
  /** A file is being staged and first read (the preview itself is a query: useImportPreview). */
  opening: boolean;
  /** Why opening the file or saving a mapping failed. */
  error: ApiError | null;
  pickFile(): Promise<void>;
  dropFile(file: File): Promise<void>;
  choose(choice: string): void;
  editDraft(draft: MappingDraft): void;
  saveDraft(name: string): Promise<void>;
}

/** What `import.preview` and `import.run` are called with for the current choice; null while incomplete. */
export function selectionOf(state: Pick<ImportState, 'choice' | 'draft'>): ImportSelection | null {
  if (state.choice === CUSTOM) {
    const checked = checkDraft(state.draft);
    return 'mapping' in checked ? { mapping: checked.mapping } : null;
  }
  return { preset: state.choice.startsWith(SAVED) ? state.choice.slice(SAVED.length) : state.choice };
}

/**
 * The import screen's choices live outside the screen, so leaving and coming back keeps them. What
 * the core answers (the preview, presets, saved mappings) is cached by TanStack Query (import-queries.ts).
 */
export const useImport = create<ImportState>()((set, get) => {
  /** Stages a file (picked or dropped) and reads it once to learn the preset its headers suggest. */
  async function openFile(stage: () => Promise<StagedFile | null>): Promise<void> {
    if (get().opening || useImportRun.getState().jobId) return;
    set({ opening: true, error: null });
    try {
      const file = await stage();
      if (!file) return;
      const preview = await call('import.preview', { fileId: file.fileId });
      useImportRun.getState().reset();
      // A saved mapping whose columns this file has is picked by the core, like a preset.
      const choice = preview.savedMapping ? SAVED + preview.savedMapping : (preview.preset ?? CUSTOM);
      // Saved elsewhere (another window, Settings): the "Read as" list must hold the one picked.
      if (preview.savedMapping) void invalidate('import.mappings.list');
      const draft = preview.mapping ?? suggestedDraft(preview.headers);
      // What the core just answered is the preview of that choice too: the query starts from it.
      const selection = selectionOf({ choice, draft });
      queryClient.setQueryData(coreKey('import.preview', { fileId: file.fileId }), preview);
      if (selection) queryClient.setQueryData(coreKey('import.preview', { fileId: file.fileId, ...selection }), preview);
      set({ file, choice, draft });
    } catch (error) {
      set({ error: toApiError(error) });
    } finally {
      set({ opening: false });
    }
  }

  return {
    file: null,
    choice: CUSTOM,
    draft: emptyDraft(),
    opening: false,
    error: null,

    pickFile: () => openFile(() => api.shell('file.pick', { accept: [...IMPORT_EXTENSIONS] })),

    dropFile: (dropped) => {
      if (!IMPORT_EXTENSIONS.some((extension) => dropped.name.toLowerCase().endsWith(extension))) {
        set({ error: new ApiError({ code: 'INVALID_INPUT', message: `“${dropped.name}” is not a CSV or Excel (.xlsx) export.` }) });
        return Promise.resolve();
      }
      return openFile(async () => api.shell('file.stageDropped', { name: dropped.name, bytes: await dropped.arrayBuffer() }));
    },

    choose: (choice) => {
      useImportRun.getState().reset();
      set({ error: null, ...(choice === CUSTOM ? { choice, draft: previewMapping(get()) ?? get().draft } : { choice }) });
    },

    editDraft: (draft) => {
      useImportRun.getState().reset();
      set({ draft, error: null });
    },

    saveDraft: async (name) => {
      const checked = checkDraft(get().draft);
      if (!('mapping' in checked)) return;
      try {
        const saved = await call('import.mappings.save', { name, mapping: checked.mapping });
        await invalidate('import.mappings.list');
        set({ choice: SAVED + saved.name });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },
  };
});

/** The mapping the shown preview was read with (switching to Custom starts from it). */
function previewMapping(state: Pick<ImportState, 'file' | 'choice' | 'draft'>): MappingDraft | null {
  const selection = selectionOf(state);
  if (!state.file || !selection) return null;
  return queryClient.getQueryData<ImportPreview>(coreKey('import.preview', { fileId: state.file.fileId, ...selection }))?.mapping ?? null;
}
