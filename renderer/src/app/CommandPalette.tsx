import { useState, type KeyboardEvent } from 'react';
import { Dialog } from '../components/Dialog';
import { matches, useCommands, type Command } from './commands';
import { Kbd } from './Kbd';
import { useNav } from './nav-store';
import { usePaletteSearch } from './use-palette-search';

/**
 * Ctrl/Cmd+K: type to find a customer (name or id), an invoice (number) or a contact, or to filter
 * every screen and action; ↑/↓ to choose, Enter to open or run, Esc to close.
 */
export function CommandPalette() {
  const close = useNav((nav) => nav.close);
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = usePaletteSearch(query);
  const shown = [...found, ...commands.filter((command) => matches(command, query.trim()))];
  const current = Math.min(active, shown.length - 1);

  function run(command: Command | undefined): void {
    if (!command) return;
    close();
    command.run();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const step = moves[event.key];
    if (step !== undefined) {
      event.preventDefault();
      setActive((current + step + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[current]);
    }
  }

  return (
    <div className="overlay-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <Dialog className="palette" label="Command palette" onClose={close}>
        <input
          className="palette-input"
          autoFocus
          placeholder="Find a customer, invoice or contact, or type a command…"
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={shown[current] ? `command-${shown[current].id}` : undefined}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" id="palette-list" role="listbox">
          {shown.map((command, index) => (
            <li
              key={command.id}
              id={`command-${command.id}`}
              role="option"
              aria-selected={index === current}
              className="palette-item"
              onMouseMove={() => setActive(index)}
              onClick={() => run(command)}
            >
              <span className="palette-group">{command.group}</span>
              <span className="palette-label">{command.label}</span>
              {command.detail && <span className="palette-detail">{command.detail}</span>}
              {command.keys && <Kbd keys={command.keys} />}
            </li>
          ))}
          {shown.length === 0 && <li className="palette-empty">Nothing matches “{query}”: no customer, invoice, contact or command.</li>}
        </ul>
      </Dialog>
    </div>
  );
}
