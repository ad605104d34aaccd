import { useEffect } from 'react';
import { startCacheInvalidation } from '../lib/core-query';
import { startJobProgressFeed } from '../lib/job-progress';
import { CommandPalette } from './CommandPalette';
import { ErrorBoundary } from './ErrorBoundary';
import { KeyMapPanel } from './KeyMapPanel';
import { useNav } from './nav-store';
import { ScreenView } from './ScreenView';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useGlobalCommands } from './commands';
import { useGlobalKeys } from './use-global-keys';

export function App() {
  const screen = useNav((nav) => nav.screen);
  const overlay = useNav((nav) => nav.overlay);
  useGlobalKeys();
  useGlobalCommands();
  useEffect(() => startJobProgressFeed(), []);
  useEffect(() => startCacheInvalidation(), []);

  return (
    <div className="shell">
      <Sidebar />
      <div className="main">
        <TopBar />
        <main className="content" id="content">
          <ErrorBoundary key={screen}>
            <ScreenView screen={screen} />
          </ErrorBoundary>
        </main>
      </div>
      {overlay === 'keys' && <KeyMapPanel />}
      {overlay === 'palette' && <CommandPalette />}
    </div>
  );
}
