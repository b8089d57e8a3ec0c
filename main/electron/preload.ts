// Preload (sandboxed, context-isolated): exposes exactly the BlastmapBridge as `window.blastmap` and
// nothing else, and turns files dropped on the window into paths for onFiles (the page itself never
// learns disk paths, and a drop never navigates the window).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.ts';

const { bridge, dropped } = createBridge(ipcRenderer);
contextBridge.exposeInMainWorld('blastmap', bridge);

window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  const files = Array.from(event.dataTransfer?.files ?? []);
  dropped(files.map((f) => webUtils.getPathForFile(f)));
});
