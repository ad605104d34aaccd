import { useState } from 'react';
import { LadderPanel } from './LadderPanel';
import { LettersTab } from './LettersTab';
import { OutboxTab } from './OutboxTab';
import { TemplateEditor } from './TemplateEditor';
import './outreach.css';

const TABS = { outbox: 'Outbox', ladder: 'Ladder', letters: 'Letters', templates: 'Templates' } as const;

/** Reminders: the outbox and bulk sends, the escalation ladder, today's letters, and the templates. */
export function OutreachScreen() {
  const [tab, setTab] = useState<keyof typeof TABS>('outbox');
  return (
    <div className="outreach">
      <div className="segmented outreach-tabs" role="tablist">
        {(Object.keys(TABS) as (keyof typeof TABS)[]).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'segment-button active' : 'segment-button'}
            onClick={() => setTab(name)}
          >
            {TABS[name]}
          </button>
        ))}
      </div>
      {tab === 'outbox' && <OutboxTab />}
      {tab === 'ladder' && <LadderPanel />}
      {tab === 'letters' && <LettersTab />}
      {tab === 'templates' && <TemplateEditor />}
    </div>
  );
}
