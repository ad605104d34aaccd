import { useStatus } from '../../app/status-store';
import { AgingEdgesSetting } from './AgingEdgesSetting';
import { ChargesSetting } from './ChargesSetting';
import { DataSetting } from './DataSetting';
import { EmailSetting } from './EmailSetting';
import { ErpConnectionSetting } from './ErpConnectionSetting';
import { FxRatesSetting } from './FxRatesSetting';
import { LetterheadSetting } from './LetterheadSetting';
import { useApi } from '../../lib/use-api';
import { ShellSettingsForm } from './ShellSettings';
import { PoliciesSetting } from './PoliciesSetting';
import { ThemeSetting } from './ThemeSetting';
import './settings.css';

export function SettingsScreen() {
  const status = useStatus((state) => state.status);
  const smtp = useApi('settings.smtp.get', {});
  const outreach = useApi('settings.outreach.get', {});
  const shell = useApi('settings.shell.get', {});
  return (
    <div className="settings">
      {/* Account (your name and role) and mailbox share one form: both sign every message. */}
      {smtp.data !== undefined && outreach.data && <EmailSetting smtp={smtp.data} outreach={outreach.data} />}
      <ErpConnectionSetting />
      <PoliciesSetting />
      <FxRatesSetting />
      <LetterheadSetting />
      <ChargesSetting />
      {status && <AgingEdgesSetting edges={status.agingEdges} />}
      <ThemeSetting />
      {shell.data && <DataSetting dataFolder={shell.data.dataFolder} />}
      {shell.data && <ShellSettingsForm settings={shell.data} />}
    </div>
  );
}
