import type { ReactNode } from 'react';
import './empty-state.css';

interface Props {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** Reference material below the actions (e.g. the formats a screen understands). */
  details?: ReactNode;
}

/** What to do next when a screen has nothing to show. */
export function EmptyState({ title, children, actions, details }: Props) {
  return (
    <section className="empty-state">
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {actions && <div className="empty-actions">{actions}</div>}
      {details && <div className="empty-details">{details}</div>}
    </section>
  );
}
