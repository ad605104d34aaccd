import { lazy, Suspense } from 'react';
import { CustomersScreen } from '../features/customers/CustomersScreen';
import { ImportScreen } from '../features/import/ImportScreen';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { OutreachScreen } from '../features/outreach/OutreachScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { WorklistScreen } from '../features/worklist/WorklistScreen';
import type { ScreenId } from './screens';

// The charting library is most of the bundle; load it when Reports is first opened.
const ReportsScreen = lazy(() => import('../features/reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })));

export function ScreenView({ screen }: { screen: ScreenId }) {
  switch (screen) {
    case 'worklist':
      return <WorklistScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'customers':
      return <CustomersScreen />;
    case 'reports':
      return (
        <Suspense fallback={null}>
          <ReportsScreen />
        </Suspense>
      );
    case 'outreach':
      return <OutreachScreen />;
    case 'import':
      return <ImportScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
