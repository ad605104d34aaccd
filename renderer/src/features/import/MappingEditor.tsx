import { DATE_FORMATS, IMPORT_KINDS, MAPPING_FIELDS, type ImportKind } from '../../../../shared/import-mapping';
import { useAppStatus } from '../../app/use-app-status';
import { useImportPreview } from './import-queries';
import { useImport } from './import-store';
import { checkDraft, fieldLabel, withColumn, withKind } from './mapping-draft';
import { CurrencyField } from './CurrencyField';
import { SaveMappingForm } from './SaveMappingForm';

/** Build a mapping inline: a column for every field (required ones marked), dates, currency, decimals. */
export function MappingEditor() {
  const { draft, editDraft } = useImport();
  const { preview } = useImportPreview();
  const baseCurrency = useAppStatus().data?.baseCurrency ?? 'USD';
  const headers = preview?.headers.filter((header) => header.trim() !== '') ?? [];
  const spec = MAPPING_FIELDS[draft.kind];
  const checked = checkDraft(draft);
  const fields = [...spec.required.map((field) => ({ field, required: true })), ...spec.optional.map((field) => ({ field, required: false }))];

  return (
    <section className="mapping-editor" aria-label="Custom mapping">
      <div className="mapping-options">
        <label className="field">
          <span>This file lists</span>
          <select className="input" value={draft.kind} onChange={(event) => editDraft(withKind(draft, event.target.value as ImportKind))}>
            {IMPORT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Date format</span>
          <select
            className="input"
            value={draft.dateFormat ?? ''}
            onChange={(event) => editDraft({ ...draft, dateFormat: (event.target.value || undefined) as (typeof DATE_FORMATS)[number] | undefined })}
          >
            <option value="">Detect</option>
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format}
              </option>
            ))}
          </select>
        </label>
        <CurrencyField currency={draft.currency} placeholder={baseCurrency} onChange={(currency) => editDraft({ ...draft, currency })} />
        <label className="field">
          <span>Decimal separator</span>
          <select
            className="input"
            value={draft.decimalSeparator ?? ''}
            onChange={(event) => editDraft({ ...draft, decimalSeparator: (event.target.value || undefined) as '.' | ',' | undefined })}
          >
            <option value="">Detect</option>
            <option value=".">. (1,234.56)</option>
            <option value=",">, (1.234,56)</option>
          </select>
        </label>
      </div>
      <div className="mapping-fields">
        {fields.map(({ field, required }) => (
          <label key={field} className="field">
            <span>
              {fieldLabel(field)}
              {required && <abbr title="required"> *</abbr>}
            </span>
            <select className="input" value={draft.columns[field] ?? ''} onChange={(event) => editDraft(withColumn(draft, field, event.target.value))}>
              <option value="">{required ? 'Choose a column…' : 'Not in this file'}</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="mapping-footer">
        {'missing' in checked ? (
          <span className="field-error" role="status">
            {checked.missing.length > 0 ? `Still to map: ${checked.missing.map(fieldLabel).join(', ')}.` : 'This mapping is not complete.'}{' '}
            <span className="muted">* required</span>
          </span>
        ) : (
          <SaveMappingForm />
        )}
      </div>
    </section>
  );
}
