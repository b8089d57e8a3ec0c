// The IPC channel names the preload and the main process share. Nothing else crosses the bridge.
export const CHANNELS = {
  invoke: 'blastmap:invoke',
  cancel: 'blastmap:cancel',
  progress: 'blastmap:progress',
  files: 'blastmap:files',
  /** Preload → main: paths of files dropped on the window; main grants them, then sends them on `files`. */
  dropped: 'blastmap:dropped',
} as const;
