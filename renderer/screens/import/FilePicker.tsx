// Choosing files: in browser mode they are uploaded (the page cannot see disk paths); in the desktop app
// they arrive as paths from the native dialog or drag and drop. Paths cannot be typed: the engine reads only
// what the shell granted (main/api/file-boundary.ts), so a compromised page cannot name /etc/shadow.
import { useRef, useState, type DragEvent } from 'react';
import { isDesktop } from '../../api/client.ts';
import { Panel } from '../../components/ui.tsx';
import { addUploads } from './import-job.ts';

export function FilePicker() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const desktop = isDesktop();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    // In the desktop app the shell turns dropped files into paths (onFiles, subscribed in App).
    if (!desktop && e.dataTransfer.files.length) addUploads([...e.dataTransfer.files]);
  };

  return (
    <Panel title="Add files">
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop identity exports and auth logs here (CSV, JSON, NDJSON, gzip){desktop ? ', or use File › Import…' : ', or'}</p>
        {!desktop && (
          <button type="button" className="button primary" onClick={() => input.current?.click()}>
            Choose files…
          </button>
        )}
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Choose files to import"
          data-testid="file-input"
          onChange={(e) => {
            if (e.target.files?.length) addUploads([...e.target.files]);
            e.target.value = '';
          }}
        />
      </div>
    </Panel>
  );
}
