// A comma-separated list of identity links that shows the first few and expands on request.
import { useState } from 'react';
import { Link } from '../../components/ui.tsx';

const FIRST = 8;

export function LinkList({ ids }: { ids: string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? ids : ids.slice(0, FIRST);
  return (
    <span>
      {shown.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Link to="identity" arg={id}>
            {id}
          </Link>
        </span>
      ))}
      {ids.length > FIRST && (
        <>
          {' '}
          <button type="button" className="linklike small" onClick={() => setAll((a) => !a)}>
            {all ? 'show fewer' : `and ${ids.length - FIRST} more`}
          </button>
        </>
      )}
    </span>
  );
}
