import { lazy, Suspense, type ReactNode } from 'react';
import { CustomersScreen } from '../features/customers/CustomersScreen';
import { WorklistScreen } from '../features/worklist/WorklistScreen';
import type { ScreenId } from './screens';

// The start-up screens (the queue, a customer) are in the first chunk; every other screen loads when
// first opened: Reports brings the charting library, most of the bundle, and the rest keep the first
// chunk under the bundler's 500 kB warning.
const ReportsScreen = lazy(() => import('../features/reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })));
const InboxScreen = lazy(() => import('../features/inbox/InboxScreen').then((module) => ({ default: module.InboxScreen })));
const OutreachScreen = lazy(() => import('../features/outreach/OutreachScreen').then((module) => ({ default: module.OutreachScreen })));
const ImportScreen = lazy(() => import('../features/import/ImportScreen').then((module) => ({ default: module.ImportScreen })));
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen').then((module) => ({ default: module.SettingsScreen })));

const later = (screen: ReactNode) => <Suspense fallback={null}>{screen}</Suspense>;

export function ScreenView({ screen }: { screen: ScreenId }) {
  switch (screen) {
    case 'worklist':
      return <WorklistScreen />;
    case 'inbox':
      return later(<InboxScreen />);
    case 'customers':
      return <CustomersScreen />;
    case 'reports':
      return later(<ReportsScreen />);
    case 'outreach':
      return later(<OutreachScreen />);
    case 'import':
      return later(<ImportScreen />);
    case 'settings':
      return later(<SettingsScreen />);
  }
}
