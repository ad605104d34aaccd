import { useState } from 'react';

interface Props {
  currency: string | undefined;
  placeholder: string;
  onChange(currency: string | undefined): void;
}

/** An ISO currency code, passed on only when complete (or cleared) so half-typed codes never reach the core. */
export function CurrencyField({ currency, placeholder, onChange }: Props) {
  const [text, setText] = useState(currency ?? '');
  const complete = /^[A-Z]{3}$/.test(text);
  return (
    <label className="field">
      <span>Currency if none in the file</span>
      <input
        className="input currency"
        maxLength={3}
        placeholder={placeholder}
        value={text}
        aria-invalid={text !== '' && !complete}
        onChange={(event) => {
          const next = event.target.value.toUpperCase().replace(/[^A-Z]/g, '');
          setText(next);
          if (next === '' || /^[A-Z]{3}$/.test(next)) onChange(next || undefined);
        }}
      />
    </label>
  );
}
