import { modKey } from './key-caps';
import { Kbd } from './Kbd';
import { useNav } from './nav-store';
import { SCREENS } from './screens';
import { StatusPill } from './StatusPill';

export function TopBar() {
  const screen = useNav((nav) => nav.screen);
  const toggle = useNav((nav) => nav.toggle);
  const current = SCREENS.find((item) => item.id === screen);
  return (
    <header className="top-bar">
      <h1 className="top-title">{current?.label}</h1>
      <span className="top-subtitle">{current?.description}</span>
      <span className="spacer" />
      <button type="button" className="button ghost small palette-hint" onClick={() => toggle('palette')}>
        Commands <Kbd keys={[modKey, 'K']} />
      </button>
      <StatusPill />
    </header>
  );
}
