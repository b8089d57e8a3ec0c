// The lines of a text stream with their line numbers, in batches, leaving out blank lines (empty, or only spaces and
// tabs). Line ends are read as node:readline reads them (`\n`, `\r\n`, a lone `\r`; a `\r\n` split between chunks is
// one end), so numbers are the ones an editor shows. readline hands every line to its own await: a .log.gz of 64 MB
// of newlines (inside the inflation allowance) took half a minute and more. Here a run of blank lines costs a
// character comparison each, and the caller sees that lines were left out by the gap in the numbers.

/** A line that is not blank, with its 1-based number in the file. */
export interface NumberedLine {
  text: string;
  number: number;
}

export async function* numberedLines(chunks: AsyncIterable<string>): AsyncGenerator<NumberedLine[]> {
  let number = 0;
  // The line still going on at the end of the last chunk, in pieces (a long line is joined once, at its end), and
  // whether it holds only spaces and tabs so far.
  let pending: string[] = [];
  let pendingBlank = true;
  // The last chunk ended with `\r`: a `\n` first in the next one ends the same line.
  let afterCr = false;
  for await (const chunk of chunks) {
    const s = chunk;
    const out: NumberedLine[] = [];
    const n = s.length;
    // The next `\n` and `\r`, kept until passed: one search each per chunk in a file without `\r`.
    let lf = -2;
    let cr = -2;
    let i = afterCr && s.charCodeAt(0) === 10 ? 1 : 0;
    afterCr = false;
    while (i < n) {
      let j = i;
      let c = s.charCodeAt(j);
      while (c === 32 || c === 9) c = s.charCodeAt(++j);
      const blankSoFar: boolean = pending.length === 0 || pendingBlank;
      let end = j;
      if (c !== 10 && c !== 13) {
        if (lf !== -1 && lf < j) lf = s.indexOf('\n', j);
        if (cr !== -1 && cr < j) cr = s.indexOf('\r', j);
        end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (end === -1) {
          pending.push(s.slice(i));
          pendingBlank = blankSoFar && j >= n;
          break;
        }
      }
      number++;
      if (!(blankSoFar && end === j)) out.push({ text: pending.length ? pending.join('') + s.slice(i, end) : s.slice(i, end), number });
      pending = [];
      pendingBlank = true;
      i = end + 1;
      if (s.charCodeAt(end) === 13) {
        if (i < n && s.charCodeAt(i) === 10) i++;
        else if (i === n) afterCr = true;
      }
    }
    if (out.length) yield out;
  }
  // The last line without a line end (readline gives it too), unless blank.
  if (pending.length && !pendingBlank) yield [{ text: pending.join(''), number: number + 1 }];
}
