// How a node reads on every screen: the name a person understands (resolved by the engine), the id on hover and
// behind a copy button, and where the id itself is shown, elided in the middle so its start and its distinctive
// end both stay visible (`arn:aws:iam::1452…:role/deploy`). Nothing is ever cut off for good: hover or copy.
import { useState, type MouseEvent } from 'react';
import { tailStart } from '../lib/elide.ts';
import { hrefFor, type Screen } from '../state/router.ts';

/** A long id with the middle elided by CSS: the head shrinks with an ellipsis, the tail (last segment) never does. */
export function MidId({ id, className }: { id: string; className?: string }) {
  const cut = tailStart(id);
  return (
    <span className={`mid-id mono${className ? ` ${className}` : ''}`} title={id}>
      <span className={cut > 6 ? 'mid-head shrinks' : 'mid-head'}>{id.slice(0, cut)}</span>
      <span className="mid-tail">{id.slice(cut)}</span>
    </span>
  );
}

export function CopyId({ id }: { id: string }) {
  const [done, setDone] = useState(false);
  const copy = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    void copyText(id).then((ok) => {
      setDone(ok);
      if (ok) setTimeout(() => setDone(false), 1500);
    });
  };
  return (
    <button type="button" className="copy-id" onClick={copy} title={`Copy id: ${id}`} aria-label={`Copy id ${id}`}>
      {done ? <span aria-hidden="true">✓</span> : <CopyIcon />}
    </button>
  );
}

/**
 * A node's display name (linked when `to` is given) with its id on hover and a copy button; `showId` adds the id,
 * middle-elided, under the name when the two differ.
 */
export function NodeName({
  id,
  name,
  to,
  arg,
  showId = false,
  copy = true,
  className,
}: {
  id: string;
  name?: string | null;
  to?: Screen;
  arg?: string;
  showId?: boolean;
  copy?: boolean;
  className?: string;
}) {
  const label = name && name.trim() ? name : id;
  const text = to ? (
    <a href={hrefFor(to, arg ?? id)} title={id} className="node-name-text">
      {label}
    </a>
  ) : (
    <span className="node-name-text" title={id}>
      {label}
    </span>
  );
  return (
    <span className={`node-name${className ? ` ${className}` : ''}`} data-id={id}>
      <span className="node-name-line">
        {text}
        {copy && <CopyId id={id} />}
      </span>
      {showId && label !== id && <MidId id={id} className="small muted" />}
    </span>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (permissions, insecure context): the classic selection copy still works.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Two overlapping sheets, drawn so it needs no icon font. */
function CopyIcon() {
  return (
    <svg width="11" height="11" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M3 11V3a1 1 0 0 1 1-1h7" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}
