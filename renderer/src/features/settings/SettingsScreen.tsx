import { useStatus } from '../../app/status-store';
import { AgingEdgesSetting } from './AgingEdgesSetting';
import { FxRatesSetting } from './FxRatesSetting';
import { ThemeSetting } from './ThemeSetting';
import './settings.css';

export function SettingsScreen() {
  const status = useStatus((state) => state.status);
  return (
    <div className="settings">
      <ThemeSetting />
      {status && <AgingEdgesSetting edges={status.agingEdges} />}
      {status && <FxRatesSetting key={`${status.baseCurrency}:${status.currencies.join()}`} status={status} />}
    </div>
  );
}
