import { IMPORT_KINDS } from '../../../../shared/import-mapping';
import { useImportOptions, useImportPreview } from './import-queries';
import { CUSTOM, SAVED, useImport } from './import-store';

/** Which reader to use: a built-in preset (guessed from the headers), a saved mapping, or a custom one. */
export function PresetPicker() {
  const { choice, choose } = useImport();
  const { presets, saved } = useImportOptions();
  const { preview } = useImportPreview();
  const current = presets.find((preset) => preset.id === choice);
  const guessed = preview?.preset && preview.preset === choice && preview.mapping;
  return (
    <div className="preset-picker">
      <label className="field inline">
        <span>Read as</span>
        <select className="input" data-testid="import-preset" value={choice} onChange={(event) => choose(event.target.value)}>
          {IMPORT_KINDS.map((kind) => (
            <optgroup key={kind} label={`Presets · ${kind}`}>
              {presets
                .filter((preset) => preset.kind === kind)
                .map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.label}
                  </option>
                ))}
            </optgroup>
          ))}
          {saved.length > 0 && (
            <optgroup label="Saved mappings">
              {saved.map((mapping) => (
                <option key={mapping.name} value={SAVED + mapping.name}>
                  {mapping.name}
                </option>
              ))}
            </optgroup>
          )}
          <option value={CUSTOM}>Custom mapping…</option>
        </select>
      </label>
      <span className="muted preset-description">
        {choice === CUSTOM
          ? 'Choose the column for each field below.'
          : (current?.description ?? `Saved mapping for ${saved.find((m) => SAVED + m.name === choice)?.mapping.kind ?? 'this file'}.`)}
        {guessed && current && ' Recognised from the headers.'}
        {preview?.savedMapping && choice === SAVED + preview.savedMapping && ' Picked because this file has its columns.'}
      </span>
    </div>
  );
}
