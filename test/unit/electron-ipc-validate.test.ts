// IPC messages reach the engine only from our main frame and only in the shape of the API contract.
import { describe, expect, it } from 'vitest';
import { validateCancel, validateDropped, validateInvoke } from '../../main/electron/ipc-validate.ts';

const OURS = { frameUrl: 'app://blastmap/index.html', isMainFrame: true };

describe('Electron IPC validation', () => {
  it('accepts a contract-valid call from our main frame, with the params as parsed', () => {
    const v = validateInvoke(OURS, 'c1', 'case.open', { path: '/cases/a.blastmap', readOnly: true });
    expect(v).toEqual({ ok: true, callId: 'c1', method: 'case.open', params: { path: '/cases/a.blastmap', readOnly: true } });
  });

  it('refuses messages from other frames and other origins', () => {
    for (const sender of [
      { frameUrl: 'app://blastmap/index.html', isMainFrame: false },
      { frameUrl: 'https://evil.example/', isMainFrame: true },
      { frameUrl: 'file:///tmp/x.html', isMainFrame: true },
      { frameUrl: undefined, isMainFrame: true },
    ]) {
      const v = validateInvoke(sender, 'c1', 'case.info', {});
      expect(v.ok, JSON.stringify(sender)).toBe(false);
      if (!v.ok) expect(v.response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(validateCancel(sender, 'c1')).toBeNull();
    }
  });

  it('refuses malformed messages: bad call ids, unknown methods, off-contract params', () => {
    const bad: [unknown, unknown, unknown][] = [
      [1, 'case.info', {}],
      ['', 'case.info', {}],
      ['x'.repeat(129), 'case.info', {}],
      [null, 'case.info', {}],
      ['c', 'case.delete', {}],
      ['c', '__proto__', {}],
      ['c', 'constructor', {}],
      ['c', 42, {}],
      ['c', 'case.open', {}],
      ['c', 'case.open', { path: 7 }],
      ['c', 'case.info', { extra: true }],
      ['c', 'case.info', 'x'],
      ['c', 'import.files', { paths: [] }],
      ['c', 'case.identities', { limit: -1 }],
    ];
    for (const [callId, method, params] of bad) {
      const v = validateInvoke(OURS, callId, method, params);
      expect(v.ok, JSON.stringify([callId, method, params])).toBe(false);
      if (!v.ok) expect(v.response).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(validateCancel(OURS, 5)).toBeNull();
    expect(validateCancel(OURS, 'c1')).toBe('c1');
  });

  it('takes dropped paths (granted by the main process) only from our page, absolute, bounded and without NUL', () => {
    expect(validateDropped(OURS, ['/evidence/a.csv', 'C:\\logs\\b.json'])).toEqual(['/evidence/a.csv', 'C:\\logs\\b.json']);
    expect(validateDropped(OURS, ['relative.csv', '', 42, '/x\0y', `/${'a'.repeat(5000)}`, '/ok.csv'])).toEqual(['/ok.csv']);
    expect(validateDropped(OURS, ['relative.csv'])).toBeNull();
    expect(validateDropped(OURS, 'not an array')).toBeNull();
    expect(
      validateDropped(
        OURS,
        Array.from({ length: 10_001 }, (_, i) => `/f${i}`),
      ),
    ).toBeNull();
    expect(validateDropped({ frameUrl: 'https://evil.example/', isMainFrame: true }, ['/etc/shadow'])).toBeNull();
    expect(validateDropped({ frameUrl: 'app://blastmap/index.html', isMainFrame: false }, ['/etc/shadow'])).toBeNull();
  });
});
