// Stylesheets are bundled by esbuild (dist/renderer/app.css); TypeScript only needs to know they exist.
declare module '*.css';
