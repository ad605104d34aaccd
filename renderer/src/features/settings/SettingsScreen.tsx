import type { ReactNode } from 'react';
import { useAppStatus } from '../../app/use-app-status';
import { AgingEdgesSetting } from './AgingEdgesSetting';
import { ChargesSetting } from './ChargesSetting';
import { DataSetting } from './DataSetting';
import { EmailSetting } from './EmailSetting';
import { ErpConnectionSetting } from './ErpConnectionSetting';
import { InboxSetting } from './InboxSetting';
import { FxRatesSetting } from './FxRatesSetting';
import { LetterheadSetting } from './LetterheadSetting';
import { useCoreQuery } from '../../lib/core-query';
import { ShellSettingsForm } from './ShellSettings';
import { PoliciesSetting } from './PoliciesSetting';
import { ThemeSetting } from './ThemeSetting';
import { SmsSetting } from './SmsSetting';
import { TeamSetting } from './TeamSetting';
import './settings.css';

interface Section {
  id: string;
  title: string;
  content: ReactNode;
}

/** Settings in sections, with their contents list beside them: a click (or Enter) scrolls to one. */
export function SettingsScreen() {
  const status = useAppStatus().data;
  const smtp = useCoreQuery('settings.smtp.get', {});
  const outreach = useCoreQuery('settings.outreach.get', {});
  const shell = useCoreQuery('settings.shell.get', {});
  const imap = useCoreQuery('inbox.settings.get', {});
  const sections: Section[] = [
    // Account (your name and role) and mailbox share one form: both sign every message.
    {
      id: 'email',
      title: 'Email and signature',
      content: smtp.data !== undefined && outreach.data && <EmailSetting smtp={smtp.data} outreach={outreach.data} />,
    },
    { id: 'inbox', title: 'Inbox', content: imap.data !== undefined && <InboxSetting imap={imap.data} /> },
    { id: 'sms', title: 'Text messages', content: <SmsSetting /> },
    { id: 'erp', title: 'ERP connection', content: <ErpConnectionSetting /> },
    { id: 'team', title: 'Team', content: <TeamSetting /> },
    {
      id: 'collections',
      title: 'Collections',
      content: (
        <>
          <PoliciesSetting />
          <FxRatesSetting />
          <ChargesSetting />
          {status && <AgingEdgesSetting edges={status.agingEdges} />}
        </>
      ),
    },
    { id: 'letterhead', title: 'Letterhead', content: <LetterheadSetting /> },
    { id: 'appearance', title: 'Appearance', content: <ThemeSetting /> },
    { id: 'data', title: 'Data and backups', content: shell.data && <DataSetting dataFolder={shell.data.dataFolder} /> },
    { id: 'app', title: 'Updates and notifications', content: shell.data && <ShellSettingsForm settings={shell.data} /> },
  ];
  return (
    <div className="settings-page">
      <nav className="settings-contents" aria-label="Settings sections">
        <ul>
          {sections.map((section) => (
            <li key={section.id}>
              <a
                href={`#settings-${section.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(`settings-${section.id}`)?.scrollIntoView({ block: 'start' });
                }}
              >
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings">
        {sections.map((section) => (
          <section key={section.id} id={`settings-${section.id}`} className="settings-section" aria-labelledby={`settings-${section.id}-title`}>
            <h2 id={`settings-${section.id}-title`}>{section.title}</h2>
            {section.content}
          </section>
        ))}
      </div>
    </div>
  );
}
