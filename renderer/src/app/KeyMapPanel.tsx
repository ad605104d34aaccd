import { Dialog } from '../components/Dialog';
import { helpGroups } from './key-caps';
import { Kbd } from './Kbd';
import { useNav } from './nav-store';

const GROUPS = helpGroups();

/** The `?` panel: beside the screen so it stays readable, but modal, as the screen's keys are off while it is open. */
export function KeyMapPanel() {
  const close = useNav((nav) => nav.close);
  return (
    <Dialog className="side-panel" labelledBy="keymap-title" onClose={close}>
      <header className="side-panel-header">
        <h2 id="keymap-title">Keyboard shortcuts</h2>
        <button type="button" className="button ghost small" onClick={close} aria-label="Esc: close keyboard shortcuts">
          Esc
        </button>
      </header>
      {GROUPS.map((group) => (
        <section key={group.title} className="keymap-group">
          <h3>{group.title}</h3>
          <dl>
            {group.entries.map((entry) => (
              <div key={entry.id} className="keymap-row" data-command={entry.id}>
                <dt>{entry.label}</dt>
                <dd>
                  <Kbd keys={entry.keys} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
