import { ScreenIcon } from './icons';
import { Kbd } from './Kbd';
import { useNav } from './nav-store';
import { SCREENS } from './screens';

export function Sidebar() {
  const screen = useNav((nav) => nav.screen);
  const go = useNav((nav) => nav.go);
  const toggle = useNav((nav) => nav.toggle);
  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Inflow
      </div>
      <ul className="nav-list">
        {SCREENS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={item.id === screen ? 'page' : undefined}
              title={`${item.description} (g ${item.key})`}
              onClick={() => go(item.id)}
            >
              <ScreenIcon screen={item.id} />
              <span>{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="nav-item keys-hint" onClick={() => toggle('keys')}>
        <Kbd keys={['?']} />
        <span>keys</span>
      </button>
    </nav>
  );
}
