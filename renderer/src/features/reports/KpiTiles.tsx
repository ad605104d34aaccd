import type { DrilldownBucket, KpiFigures, TrendPoint } from '../../../../shared/analytics';
import { monthLabel } from './trend-rows';
import { Sparkline } from './Sparkline';

interface TileSpec {
  key: keyof KpiFigures;
  label: string;
  unit: 'days' | '%';
  /** What the invoices behind the figure are. */
  drill: DrilldownBucket;
  hint: string;
}

const TILES: TileSpec[] = [
  { key: 'dsoCountback', label: 'DSO countback', unit: 'days', drill: 'all', hint: 'Months of sales back until month-end AR is used up' },
  { key: 'dsoSimple', label: 'DSO', unit: 'days', drill: 'all', hint: 'Month-end AR ÷ the month’s sales × its days' },
  { key: 'bestPossibleDso', label: 'Best possible DSO', unit: 'days', drill: 'current', hint: 'Current (not past due) AR ÷ sales × days' },
  { key: 'add', label: 'ADD (days delinquent)', unit: 'days', drill: 'past_due', hint: 'DSO − best possible DSO' },
  { key: 'cei', label: 'CEI', unit: '%', drill: 'past_due', hint: 'Collected ÷ collectable in the month' },
  { key: 'pastDuePct', label: '% past due', unit: '%', drill: 'past_due', hint: 'Share of month-end AR past its due date' },
];

const number = new Intl.NumberFormat(typeof navigator === 'undefined' ? 'en-US' : navigator.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function shown(value: number | null, unit: TileSpec['unit']): string {
  if (value === null) return '—';
  return unit === '%' ? `${number.format(value)}%` : `${number.format(value)} d`;
}

interface Props {
  months: (TrendPoint & { kpis: KpiFigures })[];
  onDrill(asOf: string, bucket: DrilldownBucket, title: string): void;
}

/** The KPI of the last complete month on each tile, its previous month for comparison, and twelve months as a sparkline. */
export function KpiTiles({ months, onDrill }: Props) {
  const last = months.at(-1);
  const previous = months.at(-2);
  if (!last) return null;
  return (
    <div className="kpi-tiles" data-testid="kpi-tiles">
      {TILES.map((tile) => (
        <button
          type="button"
          key={tile.key}
          className="tile kpi-tile"
          data-testid={`kpi-${tile.key}`}
          title={`${tile.hint}. Click for the invoices behind it.`}
          onClick={() => onDrill(last.asOf, tile.drill, `${tile.label} · ${monthLabel(last.month)}`)}
        >
          <span className="tile-label">{tile.label}</span>
          <span className="tile-value">{shown(last.kpis[tile.key], tile.unit)}</span>
          <span className="kpi-previous muted">
            {monthLabel(last.month)}
            {previous && ` vs ${monthLabel(previous.month)} (${shown(previous.kpis[tile.key], tile.unit)})`}
          </span>
          <Sparkline values={months.map((m) => m.kpis[tile.key])} label={`${tile.label}, last ${months.length} months`} />
        </button>
      ))}
    </div>
  );
}
