import { useStatus } from '../../app/status-store';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FirstRun } from './FirstRun';
import { WorklistQueue } from './WorklistQueue';

export function WorklistScreen() {
  const status = useStatus((state) => state.status);
  const error = useStatus((state) => state.error);
  const refresh = useStatus((state) => state.refresh);
  if (error && !status) return <ErrorNotice error={error} title="Inflow could not reach its database." onRetry={() => void refresh()} />;
  if (!status) return null;
  return status.hasData ? <WorklistQueue /> : <FirstRun />;
}
