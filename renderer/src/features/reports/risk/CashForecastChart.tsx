import { useState } from 'react';
import { Area, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { currencyExponent } from '../../../../../shared/money';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatAmount, formatDate } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import './risk-charts.css';

/**
 * Expected collections per week for the next 13 weeks, with the band between the early and late
 * timings, one currency at a time (amounts in different currencies never add up). Each view is a
 * forecast run the core stores, to be compared later with what came in.
 */
export function CashForecastChart() {
  const forecast = useApi('forecast.run', {});
  const [picked, setPicked] = useState<string | null>(null);
  if (forecast.error) return <ErrorNotice error={forecast.error} title="The cash forecast could not be made." onRetry={forecast.reload} />;
  const data = forecast.data;
  if (!data || data.currencies.length === 0) return null;
  const largest = [...data.currencies].sort((a, b) => b.openMinor - a.openMinor)[0]!;
  const shown = data.currencies.find((c) => c.currency === picked) ?? largest;
  // Chart geometry only: the figures people read come from the integer minor units via formatAmount.
  const scale = 10 ** currencyExponent(shown.currency);
  const rows = shown.weeks.map((w) => ({ ...w, week: formatDate(w.weekStart), expected: w.expectedMinor / scale, band: [w.lowMinor / scale, w.highMinor / scale] }));
  return (
    <section className="tile risk-chart" data-testid="cash-forecast-chart" aria-label="Cash forecast">
      <div className="risk-chart-head">
        <span className="tile-label">Expected collections, next 13 weeks</span>
        {data.currencies.length > 1 && (
          <select aria-label="Currency" value={shown.currency} onChange={(event) => setPicked(event.target.value)}>
            {data.currencies.map((c) => <option key={c.currency} value={c.currency}>{c.currency}</option>)}
          </select>
        )}
      </div>
      <ResponsiveContainer width="100%" height={160}>
        <ComposedChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
          <XAxis dataKey="week" fontSize={10} interval={2} />
          <YAxis fontSize={10} width={56} tickFormatter={(value: number) => Intl.NumberFormat(undefined, { notation: 'compact' }).format(value)} />
          <Tooltip
            isAnimationActive={false}
            formatter={(_value, name, item) => {
              const week = (item as { payload: (typeof rows)[number] }).payload;
              return name === 'band'
                ? [`${formatAmount(week.lowMinor, shown.currency)} – ${formatAmount(week.highMinor, shown.currency)}`, 'Range']
                : [formatAmount(week.expectedMinor, shown.currency), 'Expected'];
            }}
          />
          <Area dataKey="band" className="forecast-band" isAnimationActive={false} />
          <Line dataKey="expected" className="forecast-line" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <div className="muted risk-chart-foot">
        Open {formatAmount(shown.openMinor, shown.currency)} · expected after 13 weeks {formatAmount(shown.beyondMinor, shown.currency)}
      </div>
    </section>
  );
}
