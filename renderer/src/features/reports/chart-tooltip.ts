import type { CSSProperties } from 'react';

/**
 * Recharts' default tooltip paints itself white with inline styles; these give it the theme's
 * surface and text colours instead, so it reads in dark mode as in light (spread into <Tooltip>).
 */
export const themedTooltip: { contentStyle: CSSProperties; labelStyle: CSSProperties; itemStyle: CSSProperties; separator: string } = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border-strong)',
    borderRadius: 'var(--radius)',
    boxShadow: 'var(--shadow)',
    color: 'var(--text)',
    fontSize: 12,
    padding: '6px 10px',
  },
  labelStyle: { color: 'var(--text)', fontWeight: 600, marginBottom: 2 },
  itemStyle: { color: 'var(--text-2)', padding: 0 },
  // "Range: …", not recharts' "Range : …".
  separator: ': ',
};
