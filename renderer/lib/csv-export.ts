// CSV export of what the analyst sees. Cells that a spreadsheet would run as a formula (= + - @, tab, CR
// at the start) are prefixed with a quote mark (OWASP "CSV injection"), so an exported identity name like
// `=HYPERLINK(...)` stays text when the file is opened in Excel or LibreOffice.

// The escaping rule lives in shared/ so the engine's exports and the UI's downloads cannot drift apart.
export { csvCell as escapeCell, toCsv } from '../../shared/csv-escape.ts';

/** Saves text as a file through the browser's download (works in Electron and browser mode, no network). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // The byte-order mark makes Excel read UTF-8 CSVs correctly; other files are saved as they are.
  downloadBlob(fileName, new Blob(type.startsWith('text/csv') ? ['\ufeff', text] : [text], { type }));
}

/** Saves any blob (PNG, SVG, CSV…) as a download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
