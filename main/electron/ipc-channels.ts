// The IPC channel names the preload and the main process share. Nothing else crosses the bridge.
export const CHANNELS = {
  invoke: 'blastmap:invoke',
  cancel: 'blastmap:cancel',
  progress: 'blastmap:progress',
  files: 'blastmap:files',
} as const;
