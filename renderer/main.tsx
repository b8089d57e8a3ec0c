// Renderer entry: connect to the engine (Electron IPC or loopback HTTP) and mount the workbench.
import { createRoot } from 'react-dom/client';
import { connect } from './api/client.ts';
import { App } from './App.tsx';
import './styles/app.css';

connect();
createRoot(document.getElementById('root')!).render(<App />);
