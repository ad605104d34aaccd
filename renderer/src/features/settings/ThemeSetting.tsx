import { useTheme, type ThemeChoice } from '../../lib/theme';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSetting() {
  const choice = useTheme((theme) => theme.choice);
  const setChoice = useTheme((theme) => theme.setChoice);
  return (
    <section className="setting">
      <fieldset>
        <legend>Theme</legend>
        <p className="muted">Saved on this computer.</p>
        <div className="segmented">
          {CHOICES.map((option) => (
            <label key={option.value} className="segment">
              <input type="radio" name="theme" value={option.value} checked={choice === option.value} onChange={() => setChoice(option.value)} />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
