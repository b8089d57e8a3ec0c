// The report's stylesheet, inlined into the document: readable on screen, tidy in print.
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1f2933; margin: 28px auto; max-width: 1080px; padding: 0 20px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; border-bottom: 2px solid #d9e2ec; padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 14px; margin: 16px 0 6px; } small { color: #52606d; font-weight: normal; }
.meta, .note, .why, .evidence { color: #52606d; } .why, .evidence { font-size: 12px; margin-top: 2px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; word-break: break-all; } .small { font-size: 10.5px; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; } .tile { border: 1px solid #d9e2ec; border-radius: 6px; padding: 8px 12px; min-width: 150px; }
.tile b { display: block; font-size: 20px; } .tile span { color: #52606d; font-size: 12px; } .tile.crit b { color: #9b1c1c; }
.sev { display: inline-block; padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 11px; text-transform: uppercase; }
.sev.critical { background: #9b1c1c; } .sev.high { background: #c2410c; } .sev.medium { background: #b7791f; } .sev.low { background: #4b6a9b; } .sev.info { background: #6b7280; }
.path { border-left: 3px solid #c2410c; padding-left: 10px; margin: 10px 0; } .path ol { margin: 4px 0 0 18px; padding: 0; } .path li { margin: 4px 0; }
svg.chart .label, svg.chart .value { font-size: 11px; fill: #1f2933; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } .appendix { break-before: page; } }
`;
