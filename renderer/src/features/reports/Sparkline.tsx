import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';

/** A tiny trend line: shape only, no axes; the tile shows the number. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  return (
    <div className="sparkline" aria-label={label} role="img">
      <ResponsiveContainer width="100%" height={28}>
        <LineChart data={values.map((value, index) => ({ index, value }))} margin={{ top: 3, right: 2, bottom: 3, left: 2 }}>
          <YAxis hide domain={['dataMin', 'dataMax']} />
          <Line type="monotone" dataKey="value" className="sparkline-line" dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
