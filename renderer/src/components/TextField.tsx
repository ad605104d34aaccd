import type { HTMLAttributes } from 'react';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'time';
  placeholder?: string | undefined;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Settings fields are server names, logins and secrets: the browser's suggestions and spelling marks only get in the way. */
  autoComplete?: string;
}

/** One labelled text input of a settings form: the label above, the value kept by the form's draft. */
export function TextField({ label, value, onChange, type = 'text', placeholder, inputMode, autoComplete = 'off' }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="input"
        type={type}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete={autoComplete}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
