import './theme.css';
import { useEffect } from 'react';
import { parseThemeChoice, themeChoices, themeLabels } from './theme-choice';
import { useThemeStore } from './theme-store';

/** Light / dark / follow the system; shown in the sidebar and on the welcome page. */
export function ThemeToggle({ className = '' }: { className?: string }) {
  const choice = useThemeStore((state) => state.choice);
  const choose = useThemeStore((state) => state.choose);
  const sync = useThemeStore((state) => state.sync);
  useEffect(() => {
    void sync();
  }, [sync]);
  return (
    <label className={`theme-toggle ${className}`.trim()}>
      <span className="theme-toggle-label">Theme</span>
      <select
        value={choice}
        onChange={(event) => choose(parseThemeChoice(event.target.value))}
        data-testid="theme-choice"
      >
        {themeChoices.map((item) => (
          <option key={item} value={item}>
            {themeLabels[item]}
          </option>
        ))}
      </select>
    </label>
  );
}
