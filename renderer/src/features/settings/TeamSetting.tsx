import { useState, type FormEvent } from 'react';
import { isLoopbackHost } from '../../../../shared/loopback';
import type { TeamConnectionView, TeamStatus } from '../../../../shared/team';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { TextField } from '../../components/TextField';
import { call, newJobId } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { formatCount, formatDateTime } from '../../lib/format';
import { useJobProgress } from '../../lib/job-progress';
import { useOutcome } from '../../lib/use-outcome';
import { TeamAuthority } from './TeamAuthority';

/**
 * Settings → Team: the team's PostgreSQL server (the password is never shown back), this desk's
 * collector, joining and leaving, and how the exchange goes. Solo, the default, needs none of it.
 */
export function TeamSetting() {
  const connection = useCoreQuery('settings.team.get', {});
  const status = useCoreQuery('team.status', {});
  if (connection.data === undefined || !status.data) return null;
  return (
    <>
      <TeamForm
        connection={connection.data}
        status={status.data}
        reload={() => {
          connection.reload();
          status.reload();
        }}
      />
      {status.data.mode === 'team' && <TeamAuthority />}
    </>
  );
}

type Draft = { host: string; port: string; database: string; user: string; password: string; collector: string };

function TeamForm({ connection, status, reload }: { connection: TeamConnectionView | null; status: TeamStatus; reload: () => void }) {
  const [draft, setDraft] = useState<Draft>({
    host: connection?.host ?? '',
    port: String(connection?.port ?? 5432),
    database: connection?.database ?? '',
    user: connection?.user ?? '',
    password: '',
    collector: connection?.collector ?? '',
  });
  const outcome = useOutcome();
  // A new desk's join loads the book from the team's snapshot: minutes on a big book, so it shows its steps.
  const [joinJob, setJoinJob] = useState<string | null>(null);
  const joinProgress = useJobProgress(joinJob);
  const team = status.mode === 'team';
  const loopback = draft.host.trim() !== '' && isLoopbackHost(draft.host.trim());

  const save = async (): Promise<void> => {
    const { password, port, ...rest } = draft;
    await call('settings.team.save', { ...rest, port: Number(port), ...(password ? { password } : {}) });
    setDraft({ ...draft, password: '' });
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void outcome.runInPlace(async () => {
      await save();
      reload();
      return 'Saved';
    });
  };
  const join = (): void => {
    const jobId = newJobId();
    setJoinJob(jobId);
    void outcome.run(async () => {
      try {
        await save();
        const joined = await call('team.join', { jobId });
        reload();
        return `Joined as ${joined.collector ?? ''}`;
      } finally {
        setJoinJob(null);
      }
    });
  };
  const leave = (): void =>
    void outcome.run(async () => {
      await call('team.leave', {});
      reload();
      return 'This desk is solo again; what it shared stays with the team.';
    });
  const sync = (): void =>
    void outcome.run(async () => {
      const result = await call('team.sync', {});
      reload();
      return `Sent ${formatCount(result.pushed)}, received ${formatCount(result.pulled)}`;
    });

  return (
    <form className="setting" onSubmit={onSubmit} noValidate aria-label="Team" data-testid="team-setting">
      <fieldset>
        <legend>Team</legend>
        <p className="muted">
          Several desks share one book through your PostgreSQL server: each keeps its own copy and works offline, and exchanges calls, notes, promises and
          assignments every few seconds. A desk on its own needs none of this.
        </p>
        <dl className="team-status" data-testid="team-status">
          <dt>This desk</dt>
          <dd>{team ? `In the team as ${status.collector ?? ''}` : 'Solo'}</dd>
          {team && (
            <>
              <dt>Server</dt>
              <dd>{status.reachable === null ? 'Not contacted yet' : status.reachable ? 'Reachable' : 'Not reachable'}</dd>
              <dt>Last exchange</dt>
              <dd>{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'Never'}</dd>
              <dt>Waiting to send</dt>
              <dd>{formatCount(status.pendingPush)}</dd>
            </>
          )}
        </dl>
        {team && status.lastError && (
          <p className="notice warning" role="status">
            {status.lastError}
          </p>
        )}
        <div className="setting-grid">
          <TextField label="Server" value={draft.host} onChange={(host) => setDraft({ ...draft, host })} placeholder="db.example.com" />
          <TextField label="Port" value={draft.port} onChange={(port) => setDraft({ ...draft, port })} inputMode="numeric" />
          <TextField label="Database" value={draft.database} onChange={(database) => setDraft({ ...draft, database })} />
          <TextField label="Database user" value={draft.user} onChange={(user) => setDraft({ ...draft, user })} />
          <TextField
            label={connection?.hasPassword ? 'Password (stored; type to replace)' : 'Password'}
            value={draft.password}
            onChange={(password) => setDraft({ ...draft, password })}
            type="password"
          />
          <TextField
            label="Collector at this desk"
            value={draft.collector}
            onChange={(collector) => setDraft({ ...draft, collector })}
            placeholder="Your name as on assignments"
          />
        </div>
        <p className="muted team-tls" data-testid="team-tls">
          {draft.host.trim() === ''
            ? 'A server on another machine is reached over TLS, its certificate checked.'
            : loopback
              ? 'This machine: the connection stays local, no TLS needed.'
              : 'Over TLS, its certificate checked against this computer’s authorities. A server without TLS is refused.'}
        </p>
        <div className="setting-actions">
          <button type="submit" className="button">
            Save
          </button>
          {team ? (
            <>
              <button type="button" className="button primary" onClick={sync}>
                Exchange now
              </button>
              <button type="button" className="button" onClick={leave}>
                Leave the team
              </button>
            </>
          ) : (
            <button type="button" className="button primary" disabled={joinJob !== null} onClick={join}>
              Join the team
            </button>
          )}
          {outcome.message && (
            <span className="saved" role="status">
              {outcome.message}
            </span>
          )}
        </div>
        {joinJob && <ProgressBar testId="team-join-progress" progress={joinProgress} label={joinProgress?.step ?? 'Connecting to the team…'} />}
        {outcome.error && <ErrorNotice error={outcome.error} />}
      </fieldset>
    </form>
  );
}
