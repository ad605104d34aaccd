import { useEffect, useState } from 'react';
import type { RecoveryStatus } from '../../../shared/backups';
import { call } from '../lib/api';
import { App } from './App';
import { RecoveryScreen } from './RecoveryScreen';

type Broken = RecoveryStatus & { problem: NonNullable<RecoveryStatus['problem']> };

/** Asks once whether the database opened: the app if it did, the recovery screen if not (never a blank window). */
export function Boot() {
  const [state, setState] = useState<'loading' | 'ok' | Broken>('loading');
  useEffect(() => {
    call('recovery.status', {}).then(
      (status) => setState(status.problem ? (status as Broken) : 'ok'),
      () => setState('ok'),
    );
  }, []);
  if (state === 'loading') return null;
  return state === 'ok' ? <App /> : <RecoveryScreen status={state} />;
}
