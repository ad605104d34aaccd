import { useState } from 'react';
import { useImport } from './import-store';

/** Names the custom mapping so the next export from the same ERP needs one click. */
export function SaveMappingForm() {
  const saveDraft = useImport((state) => state.saveDraft);
  const [name, setName] = useState('');
  const trimmed = name.trim();
  return (
    <form
      className="save-mapping"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) void saveDraft(trimmed);
      }}
    >
      <span className="ok-text">Every required field is mapped.</span>
      <input
        className="input"
        placeholder="Name this mapping, e.g. DATEV open items"
        aria-label="Mapping name"
        maxLength={64}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="button" aria-disabled={!trimmed}>
        Save mapping
      </button>
    </form>
  );
}
