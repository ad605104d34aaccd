import { create } from 'zustand';
import type { ImportPreview, PresetInfo } from '../../../../shared/api';
import type { StagedFile } from '../../../../shared/shell-api';
import { IMPORT_EXTENSIONS, type ImportMapping } from '../../../../shared/import-mapping';
import { api, call } from '../../lib/api';
import { ApiError, toApiError } from '../../lib/api-error';
import { useImportRun, type ImportSelection } from './import-run-store';
import { checkDraft, emptyDraft, suggestedDraft, type MappingDraft } from './mapping-draft';

/** Select values: a preset id, "saved:<name>" for a saved mapping, or "custom". */
export const CUSTOM = 'custom';
export const SAVED = 'saved:';

interface ImportState {
  file: StagedFile | null;
  preview: ImportPreview | null;
  choice: string;
  draft: MappingDraft;
  presets: PresetInfo[];
  saved: { name: string; mapping: ImportMapping }[];
  busy: boolean;
  error: ApiError | null;
  loadOptions(): Promise<void>;
  pickFile(): Promise<void>;
  dropFile(file: File): Promise<void>;
  choose(choice: string): Promise<void>;
  editDraft(draft: MappingDraft): Promise<void>;
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

/** The import screen's state lives outside the screen, so leaving and coming back keeps the preview. */
export const useImport = create<ImportState>()((set, get) => {
  let latest = 0;

  async function refreshPreview(selection: ImportSelection | null): Promise<void> {
    const file = get().file;
    if (!file || !selection) return;
    const request = ++latest;
    set({ busy: true, error: null });
    try {
      const preview = await call('import.preview', { fileId: file.fileId, ...selection });
      if (request === latest) set({ preview });
    } catch (error) {
      if (request === latest) set({ error: toApiError(error) });
    } finally {
      if (request === latest) set({ busy: false });
    }
  }

  /** Stages a file (picked or dropped) and previews it with the preset its headers suggest. */
  async function openFile(stage: () => Promise<StagedFile | null>): Promise<void> {
    if (get().busy || useImportRun.getState().jobId) return;
    const request = ++latest;
    set({ busy: true, error: null });
    try {
      const file = await stage();
      if (!file) return;
      const preview = await call('import.preview', { fileId: file.fileId });
      useImportRun.getState().reset();
      // A saved mapping whose columns this file has is picked by the core, like a preset.
      const choice = preview.savedMapping ? SAVED + preview.savedMapping : (preview.preset ?? CUSTOM);
      set({ file, preview, choice, draft: preview.mapping ?? suggestedDraft(preview.headers) });
    } catch (error) {
      set({ error: toApiError(error) });
    } finally {
      if (request === latest) set({ busy: false });
    }
  }

  return {
    file: null,
    preview: null,
    choice: CUSTOM,
    draft: emptyDraft(),
    presets: [],
    saved: [],
    busy: false,
    error: null,

    loadOptions: async () => {
      try {
        const [presets, saved] = await Promise.all([call('import.presets', {}), call('import.mappings.list', {})]);
        set({ presets, saved });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },

    pickFile: () => openFile(() => api.shell('file.pick', { accept: [...IMPORT_EXTENSIONS] })),

    dropFile: (dropped) => {
      if (!IMPORT_EXTENSIONS.some((extension) => dropped.name.toLowerCase().endsWith(extension))) {
        set({ error: new ApiError({ code: 'INVALID_INPUT', message: `“${dropped.name}” is not a CSV or Excel (.xlsx) export.` }) });
        return Promise.resolve();
      }
      return openFile(async () => api.shell('file.stageDropped', { name: dropped.name, bytes: await dropped.arrayBuffer() }));
    },

    choose: async (choice) => {
      useImportRun.getState().reset();
      const { preview, draft } = get();
      const next = choice === CUSTOM ? { choice, draft: preview?.mapping ?? draft } : { choice };
      set(next);
      await refreshPreview(selectionOf(get()));
    },

    editDraft: async (draft) => {
      useImportRun.getState().reset();
      set({ draft });
      await refreshPreview(selectionOf(get()));
    },

    saveDraft: async (name) => {
      const checked = checkDraft(get().draft);
      if (!('mapping' in checked)) return;
      try {
        const saved = await call('import.mappings.save', { name, mapping: checked.mapping });
        set({ saved: await call('import.mappings.list', {}), choice: SAVED + saved.name });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },
  };
});
