// Auth activity over time: stacked bars of successes and failures per hour or day, with events from
// anonymising networks (Tor, VPN, hosting) drawn as a highlighted overlay. d3 computes scales and ticks;
// React draws the SVG (no inline style attributes, so the strict CSP holds).
import { max, scaleBand, scaleLinear, utcFormat } from 'd3';
import type { TimeBucket } from '../../../shared/api/inventory.ts';
import { num } from '../../lib/format.ts';
import { useWidth } from './use-width.ts';

const HEIGHT = 180;
const M = { top: 10, right: 12, bottom: 24, left: 44 };

export function TimelineChart({ buckets, unit, title }: { buckets: TimeBucket[]; unit: 'hour' | 'day'; title: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  if (buckets.length === 0) return <p className="muted">No auth events in this case.</p>;
  const x = scaleBand<number>()
    .domain(buckets.map((_, i) => i))
    .range([M.left, width - M.right])
    .paddingInner(buckets.length > 60 ? 0 : 0.15);
  const top = max(buckets, (b) => b.success + b.failure) ?? 1;
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const fmt = utcFormat(unit === 'hour' ? '%m-%d %H:00' : '%Y-%m-%d');
  const every = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(width / 110))));
  // A few buckets would make slabs as wide as the chart; bars stay narrow and centred in their slot.
  const bw = Math.max(1, Math.min(x.bandwidth(), 28));
  const inset = (x.bandwidth() - bw) / 2;
  const anonymous = buckets.reduce((a, b) => a + b.anonymous, 0);
  return (
    <div ref={ref} className="chart">
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`${title}: ${buckets.length} ${unit}s, ${num(anonymous)} events from anonymous networks`}
      >
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line className="gridline" x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} />
            <text className="tick" x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {num(t)}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x0 = (x(i) ?? 0) + inset;
          return (
            <g key={b.t}>
              <title>{`${fmt(new Date(b.t))} UTC — ${num(b.success)} ok, ${num(b.failure)} failed, ${num(b.anonymous)} anonymous`}</title>
              <rect className="bar-success" x={x0} width={bw} y={y(b.success)} height={y(0) - y(b.success)} />
              <rect className="bar-failure" x={x0} width={bw} y={y(b.success + b.failure)} height={y(b.success) - y(b.success + b.failure)} />
              {/* Anonymous events are a narrower bar inside the stack, so the totals behind them stay visible. */}
              {b.anonymous > 0 && (
                <rect className="bar-anonymous" x={x0 + bw * 0.25} width={Math.max(1, bw * 0.5)} y={y(b.anonymous)} height={y(0) - y(b.anonymous)} />
              )}
            </g>
          );
        })}
        <line className="axis" x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
        {buckets.map((b, i) =>
          i % every === 0 ? (
            <text key={b.t} className="tick" x={(x(i) ?? 0) + x.bandwidth() / 2} y={HEIGHT - 6} textAnchor="middle">
              {fmt(new Date(b.t))}
            </text>
          ) : null,
        )}
      </svg>
      <div className="legend">
        <span>
          <i className="swatch success" />
          success
        </span>
        <span>
          <i className="swatch failure" />
          failure
        </span>
        <span>
          <i className="swatch anonymous" />
          anonymous network (Tor, VPN, hosting): {num(anonymous)}
        </span>
        <span className="muted">per {unit}, UTC</span>
      </div>
    </div>
  );
}
