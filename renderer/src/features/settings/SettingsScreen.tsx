import { useStatus } from '../../app/status-store';
import { AgingEdgesSetting } from './AgingEdgesSetting';
import { ThemeSetting } from './ThemeSetting';
import './settings.css';

export function SettingsScreen() {
  const edges = useStatus((state) => state.status?.agingEdges);
  return (
    <div className="settings">
      <ThemeSetting />
      {edges && <AgingEdgesSetting edges={edges} />}
    </div>
  );
}
