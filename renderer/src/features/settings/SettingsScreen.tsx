import { useStatus } from '../../app/status-store';
import { AgingEdgesSetting } from './AgingEdgesSetting';
import { EmailSetting } from './EmailSetting';
import { ErpConnectionSetting } from './ErpConnectionSetting';
import { FxRatesSetting } from './FxRatesSetting';
import { useApi } from '../../lib/use-api';
import { ThemeSetting } from './ThemeSetting';
import './settings.css';

export function SettingsScreen() {
  const status = useStatus((state) => state.status);
  const smtp = useApi('settings.smtp.get', {});
  const outreach = useApi('settings.outreach.get', {});
  return (
    <div className="settings">
      <ThemeSetting />
      {status && <AgingEdgesSetting edges={status.agingEdges} />}
      {smtp.data !== undefined && outreach.data && <EmailSetting smtp={smtp.data} outreach={outreach.data} />}
      <ErpConnectionSetting />
      {status && <FxRatesSetting key={`${status.baseCurrency}:${status.currencies.join()}`} status={status} />}
    </div>
  );
}
