// Inline SVG charts for the report: no script, no external resource, printable.
import { html, type Html } from './html.ts';

export interface Bar {
  label: string;
  value: number;
  colour?: string;
}

/** Horizontal bars with labels and values; widths relative to the largest value. */
export function barChart(bars: Bar[], options: { width?: number; title: string }): Html {
  const width = options.width ?? 520;
  const row = 22;
  const labelWidth = 170;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 8;
  return html`<svg class="chart" role="img" aria-label="${options.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
    ${bars.map((b, i) => {
      const w = Math.round(((width - labelWidth - 60) * b.value) / max);
      const y = i * row + 4;
      return html`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" class="label">${b.label}</text>
        <rect x="${labelWidth}" y="${y + 2}" width="${Math.max(w, 1)}" height="${row - 8}" fill="${b.colour ?? '#4b6a9b'}" rx="2"/>
        <text x="${labelWidth + Math.max(w, 1) + 6}" y="${y + 14}" class="value">${b.value}</text>`;
    })}
  </svg>`;
}
