import { KEY_GROUPS } from './keymap';
import { Kbd } from './Kbd';
import { useNav } from './nav-store';

/** The `?` panel: a side panel (not a modal) so the screen stays usable behind it. */
export function KeyMapPanel() {
  const close = useNav((nav) => nav.close);
  return (
    <aside className="side-panel" aria-label="Keyboard shortcuts">
      <header className="side-panel-header">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="button ghost small" onClick={close} aria-label="Close keyboard shortcuts">
          Esc
        </button>
      </header>
      {KEY_GROUPS.map((group) => (
        <section key={group.title} className="keymap-group">
          <h3>{group.title}</h3>
          <dl>
            {group.keys.map((entry) => (
              <div key={entry.label} className="keymap-row">
                <dt>{entry.label}</dt>
                <dd>
                  <Kbd keys={entry.keys} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </aside>
  );
}
