/** On hand and available over time, as steps (uPlot), from the ledger. */
import { useMemo } from 'react';
import uPlot from 'uplot';
import { Chart } from '../../../components/Chart';

export interface HistoryPoint {
  at: string;
  onHand: number;
  available: number;
}

export const HistoryChart = ({ points }: { points: HistoryPoint[] }) => {
  const data = useMemo<uPlot.AlignedData>(() => [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.onHand), points.map((p) => p.available)], [points]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    return {
      scales: { x: { time: true } },
      axes: [{ space: 60 }, { size: 50 }],
      series: [
        {},
        { label: 'On hand', stroke: '#1f4e79', width: 2, ...(stepped && { paths: stepped }) },
        { label: 'Available', stroke: '#2e7d32', width: 2, dash: [6, 4], ...(stepped && { paths: stepped }) },
      ],
    };
  }, []);
  return <Chart options={options} data={data} label="On hand and available over time" height={220} />;
};
