import { useState, type FormEvent } from 'react';
import { TEAM_ROLES, type TeamMember, type TeamRole } from '../../../../shared/team-authority';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

export const ROLE_LABELS: Record<TeamRole, string> = { collector: 'Collector', senior: 'Senior', manager: 'Manager' };

const EMPTY = { collector: '', dbUser: '', role: 'collector' as TeamRole, password: '' };

/**
 * The team's members, each signing in to PostgreSQL as their own login. A manager adds one (the
 * password only creates the login on the server: it is sent once, kept nowhere on this desk, and the
 * field is emptied) and changes a member's role in place; everyone else reads the list.
 */
export function TeamMembers({ canEdit }: { canEdit: boolean }) {
  const members = useCoreQuery('team.members.list', {});
  const outcome = useOutcome();
  const [draft, setDraft] = useState(EMPTY);

  const add = (event: FormEvent): void => {
    event.preventDefault();
    void outcome.runInPlace(async () => {
      const { password, ...member } = draft;
      const added = await call('team.members.add', { ...member, ...(password ? { password } : {}) });
      setDraft(EMPTY);
      members.reload();
      return added.created ? `${member.collector} can sign in as ${added.dbUser}.` : `${member.collector} (${added.dbUser}) is a ${member.role}.`;
    });
  };
  const changeRole = (member: TeamMember, role: TeamRole): void =>
    void outcome.runInPlace(async () => {
      await call('team.members.add', { dbUser: member.dbUser, collector: member.collector, role });
      members.reload();
      return `${member.collector} is a ${role} now.`;
    });

  return (
    <section className="team-block" aria-labelledby="team-members-title" data-testid="team-members">
      <h3 id="team-members-title">Members</h3>
      {members.error && !members.data ? (
        <ErrorNotice error={members.error} title="The members could not be read from the team server." onRetry={members.reload} />
      ) : members.data?.length === 0 ? (
        <p className="muted">
          No members yet: the login that set the server up counts as a manager. {canEdit ? 'Add each collector with a database login of their own.' : ''}
        </p>
      ) : (
        <table className="team-table">
          <thead>
            <tr>
              <th scope="col">Collector</th>
              <th scope="col">Database user</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody aria-busy={members.data === undefined}>
            {(members.data ?? []).map((member) => (
              <tr key={member.dbUser}>
                <td>{member.collector}</td>
                <td className="mono">{member.dbUser}</td>
                <td>
                  {canEdit ? (
                    <select
                      className="input"
                      aria-label={`Role of ${member.collector}`}
                      value={member.role}
                      onChange={(event) => changeRole(member, event.target.value as TeamRole)}
                    >
                      {TEAM_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    ROLE_LABELS[member.role]
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form className="member-add" onSubmit={add} noValidate aria-label="Add a member">
          <TextField label="Collector" value={draft.collector} onChange={(collector) => setDraft({ ...draft, collector })} placeholder="As on assignments" />
          <TextField label="Database user" value={draft.dbUser} onChange={(dbUser) => setDraft({ ...draft, dbUser })} placeholder="sam" />
          <label className="field">
            <span>Role</span>
            <select className="input" value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as TeamRole })}>
              {TEAM_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label="Password for a new login"
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(password) => setDraft({ ...draft, password })}
            placeholder="12 characters or more"
          />
          <button type="submit" className="button">
            Add member
          </button>
        </form>
      )}
      {canEdit && (
        <div className="team-outcome">
          {outcome.message && (
            <span className="saved" role="status">
              {outcome.message}
            </span>
          )}
          {outcome.error && <ErrorNotice error={outcome.error} />}
        </div>
      )}
    </section>
  );
}
