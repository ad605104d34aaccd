import type { ScreenId } from './screens';

/** 16px line icons for the sidebar, drawn with currentColor so they follow the theme. */
const PATHS: Record<ScreenId, string> = {
  worklist: 'M3 4h10M3 8h10M3 12h6',
  inbox: 'M2 9l2-5h8l2 5v3H2zM2 9h3.5l1 1.5h3l1-1.5H14',
  customers: 'M8 8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM3 13.5c.6-2.3 2.6-3.5 5-3.5s4.4 1.2 5 3.5',
  reports: 'M3 13V9M6.5 13V5M10 13V7.5M13.5 13V3',
  outreach: 'M2.5 4.5h11v7h-11zM2.5 4.5 8 9l5.5-4.5',
  import: 'M8 2.5v7.5M5 7l3 3 3-3M3 12.5h10',
  settings: 'M8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8 1.8v1.7M8 12.5v1.7M1.8 8h1.7M12.5 8h1.7M3.6 3.6l1.2 1.2M11.2 11.2l1.2 1.2M3.6 12.4l1.2-1.2M11.2 4.8l1.2-1.2',
};

export function ScreenIcon({ screen }: { screen: ScreenId }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[screen]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
