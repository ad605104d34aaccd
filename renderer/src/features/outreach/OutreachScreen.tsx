import { EmptyState } from '../../components/EmptyState';

export function OutreachScreen() {
  return (
    <EmptyState title="Outreach is coming next">
      <p>
        Send reminder emails in bulk and let an escalation ladder pick the next step for each customer: a friendly
        reminder before the due date, a firmer one after, then a call task or a final notice.
      </p>
      <p className="muted">
        You will choose a template or a ladder step, preview every message with exclusions explained, then send with a
        progress bar you can pause or cancel.
      </p>
    </EmptyState>
  );
}
