// The blast-radius graph is fitted from the positions it chose (reach-layout.ts fitViewport), as cytoscape's fit()
// would: every node and its label inside the box, the tighter side touching the padding, the zoom kept in range.
import { describe, expect, it } from 'vitest';
import { fitViewport, layeredPositions } from '../../renderer/screens/reach/reach-layout.ts';

const ZOOM = { min: 0.05, max: 2.5 };

describe('fitViewport', () => {
  it('puts every node and its label inside the box, filling one side', () => {
    const nodes = Array.from({ length: 175 }, (_, i) => ({ id: `n${i}`, hops: 1 + (i % 6), kind: i % 3 ? 'system' : 'identity' }));
    const positions = [...layeredPositions(nodes, 1.6).values()];
    const box = { width: 850, height: 530 };
    const view = fitViewport(positions, box, 24, ZOOM)!;
    const xs = positions.flatMap((p) => [(p.x - 75) * view.zoom + view.pan.x, (p.x + 75) * view.zoom + view.pan.x]);
    const ys = positions.flatMap((p) => [(p.y - 15) * view.zoom + view.pan.y, (p.y + 30) * view.zoom + view.pan.y]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(24 - 1e-6);
    expect(Math.max(...xs)).toBeLessThanOrEqual(box.width - 24 + 1e-6);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(24 - 1e-6);
    expect(Math.max(...ys)).toBeLessThanOrEqual(box.height - 24 + 1e-6);
    const fillsWidth = Math.abs(Math.min(...xs) - 24) < 1e-6 && Math.abs(Math.max(...xs) - (box.width - 24)) < 1e-6;
    const fillsHeight = Math.abs(Math.min(...ys) - 24) < 1e-6 && Math.abs(Math.max(...ys) - (box.height - 24)) < 1e-6;
    expect(fillsWidth || fillsHeight).toBe(true);
  });

  it('keeps a lone node at the largest zoom, centred', () => {
    const view = fitViewport([{ x: 10, y: 20 }], { width: 800, height: 400 }, 24, ZOOM)!;
    expect(view.zoom).toBe(ZOOM.max);
    expect(10 * view.zoom + view.pan.x).toBeCloseTo(400, 6);
    expect((20 + 7.5) * view.zoom + view.pan.y).toBeCloseTo(200, 6);
  });

  it('has nothing to fit without nodes or without room', () => {
    expect(fitViewport([], { width: 800, height: 400 }, 24, ZOOM)).toBeNull();
    expect(fitViewport([{ x: 0, y: 0 }], { width: 0, height: 0 }, 24, ZOOM)).toBeNull();
  });
});
