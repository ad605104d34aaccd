import { ErrorNotice } from '../../components/ErrorNotice';
import { useCoreQuery } from '../../lib/core-query';
import { TeamLimits } from './TeamLimits';
import { ROLE_LABELS, TeamMembers } from './TeamMembers';
import './team-authority.css';

/**
 * Settings → Team, once joined: who is in the team and what each role may do alone. Only a manager
 * changes them (the server refuses anyone else); everyone else reads them, told why.
 */
export function TeamAuthority() {
  const authority = useCoreQuery('team.authority', {});
  if (authority.error && authority.data === undefined)
    return <ErrorNotice error={authority.error} title="This desk's role could not be read." onRetry={authority.reload} />;
  // Held back until the role is known, so the read-only table never flashes into a form.
  if (authority.data === undefined) return <div className="team-authority" aria-busy="true" />;
  const role = authority.data?.role ?? 'collector';
  const canEdit = role === 'manager';
  return (
    <div className="setting team-authority" data-testid="team-authority">
      <h3 className="team-authority-title">Members and limits</h3>
      {!canEdit && (
        <p className="muted" data-testid="team-read-only">
          Only a manager changes members and limits; this desk works as a {ROLE_LABELS[role].toLowerCase()}. Ask a manager, or see what they set below.
        </p>
      )}
      <TeamMembers canEdit={canEdit} />
      <TeamLimits limits={authority.data?.limits ?? null} canEdit={canEdit} onSaved={authority.reload} />
    </div>
  );
}
