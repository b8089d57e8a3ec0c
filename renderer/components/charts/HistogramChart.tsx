// A labelled-bin histogram (credential ages): d3 scales, React SVG.
import { max, scaleBand, scaleLinear } from 'd3';
import { num } from '../../lib/format.ts';
import { useWidth } from './use-width.ts';

const HEIGHT = 180;
const M = { top: 16, right: 12, bottom: 24, left: 44 };

export interface Bin {
  label: string;
  count: number;
  /** Bins past a policy threshold are drawn as warnings. */
  warn?: boolean;
}

export function HistogramChart({ bins, title }: { bins: Bin[]; title: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const x = scaleBand<string>()
    .domain(bins.map((b) => b.label))
    .range([M.left, width - M.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.count) || 1])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={HEIGHT} role="img" aria-label={`${title}: ${bins.map((b) => `${b.label} ${b.count}`).join(', ')}`}>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line className="gridline" x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} />
            <text className="tick" x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {num(t)}
            </text>
          </g>
        ))}
        {bins.map((b) => (
          <g key={b.label}>
            <rect className={b.warn ? 'bar-warn' : 'bar-success'} x={x(b.label)} width={x.bandwidth()} y={y(b.count)} height={y(0) - y(b.count)}>
              <title>{`${b.label}: ${num(b.count)}`}</title>
            </rect>
            {b.count > 0 && (
              <text className="bar-label" x={(x(b.label) ?? 0) + x.bandwidth() / 2} y={y(b.count) - 4} textAnchor="middle">
                {num(b.count)}
              </text>
            )}
            <text className="tick" x={(x(b.label) ?? 0) + x.bandwidth() / 2} y={HEIGHT - 6} textAnchor="middle">
              {b.label}
            </text>
          </g>
        ))}
        <line className="axis" x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
      </svg>
    </div>
  );
}
