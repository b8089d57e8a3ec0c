// The built-in demo enterprise: a synthetic case to learn the workbench on.
import { Panel } from '../../components/ui.tsx';

export function DemoCase(_props: { busy: boolean }) {
  return (
    <Panel title="Demo case">
      <p className="muted">A synthetic enterprise to explore blast radius and findings. Start the workbench with <code>npm start</code> to open it.</p>
    </Panel>
  );
}
