import { useAppStatus } from '../../app/use-app-status';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FirstRun } from './FirstRun';
import { WorklistQueue } from './WorklistQueue';

export function WorklistScreen() {
  const { data: status, error, reload } = useAppStatus();
  if (error && !status) return <ErrorNotice error={error} title="Inflow could not reach its database." onRetry={reload} />;
  if (!status) return null;
  return status.hasData ? <WorklistQueue /> : <FirstRun />;
}
