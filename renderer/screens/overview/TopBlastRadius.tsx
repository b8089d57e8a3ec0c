// Identities whose compromise would reach the most (from the graph engine).
import { Panel } from '../../components/ui.tsx';

export function TopBlastRadius() {
  return (
    <Panel title="Top identities by blast radius">
      <p className="muted">The graph engine is not available in this build.</p>
    </Panel>
  );
}
