/** Movements per day by type, stacked bars (uPlot), with a legend and a table for screen readers. */
import { useMemo } from 'react';
import uPlot from 'uplot';
import { Chart } from '../../../components/Chart';
import { movementTypeColors, movementTypeLabels } from '../../../lib/format';

export interface DailyData {
  types: string[];
  days: Array<{ date: string; byType: Record<string, { movements: number; units: number }> }>;
}

/** Cumulative series so bars stack: series i is the sum of types 0..i. */
export const stackDaily = (report: DailyData) => {
  const present = report.types.filter((t) => report.days.some((d) => d.byType[t]));
  const xs = report.days.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1000);
  const running = report.days.map(() => 0);
  const stacked = present.map((type) =>
    report.days.map((day, i) => {
      running[i] = (running[i] ?? 0) + (day.byType[type]?.movements ?? 0);
      return running[i] ?? 0;
    }),
  );
  return { present, data: [xs, ...stacked] as uPlot.AlignedData };
};

export const MovementsChart = ({ report }: { report: DailyData }) => {
  const { present, data } = useMemo(() => stackDaily(report), [report]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
    return {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{ space: 50 }, { size: 56 }],
      // Drawn tallest first, so each shorter stack shows in front.
      series: [{}, ...present.map((type) => ({ label: movementTypeLabels[type] ?? type, fill: movementTypeColors[type] ?? '#888', stroke: movementTypeColors[type] ?? '#888', width: 0, ...(bars && { paths: bars }), points: { show: false } }))],
    };
  }, [present]);
  // uPlot draws series in order; reverse data and series so the total is drawn first.
  const reversed = useMemo(() => {
    const [xs, ...ys] = data;
    return [xs, ...ys.reverse()] as uPlot.AlignedData;
  }, [data]);
  const reversedOptions = useMemo(() => ({ ...options, series: [options.series[0] ?? {}, ...options.series.slice(1).reverse()] }), [options]);
  const total = report.days.reduce((sum, d) => sum + Object.values(d.byType).reduce((s, v) => s + v.movements, 0), 0);
  return (
    <div>
      {total === 0 ? (
        <p className="empty">No movements in this period.</p>
      ) : (
        <Chart options={reversedOptions} data={reversed} label={`Movements per day for the last ${report.days.length} days, by type`} />
      )}
      <ul className="legend" aria-label="Movement types">
        {present.map((type) => (
          <li key={type}>
            <span className="swatch" style={{ background: movementTypeColors[type] }} aria-hidden="true" />
            {movementTypeLabels[type] ?? type}
          </li>
        ))}
      </ul>
      <div className="sr-only">
      <table>
        <caption>Movements per day</caption>
        <thead>
          <tr>
            <th>Day</th>
            {present.map((t) => (
              <th key={t}>{movementTypeLabels[t] ?? t}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.days
            .filter((d) => Object.keys(d.byType).length > 0)
            .map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                {present.map((t) => (
                  <td key={t}>{d.byType[t]?.movements ?? 0}</td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
      </div>
    </div>
  );
};
