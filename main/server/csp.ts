// The Content-Security-Policy and companion headers for every page Blastmap shows, in the browser
// (main/server) and in Electron (main/electron), plus the <meta> form baked into dist/renderer/index.html.
// Scripts and styles come only from the app's own files: no inline scripts, no eval, no remote hosts.

const POLICY: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** The policy sent as an HTTP header (browser mode and Electron's custom protocol). */
export const CONTENT_SECURITY_POLICY = POLICY.map(([k, v]) => `${k} ${v}`).join('; ');

/** The same policy for a <meta> tag; browsers ignore frame-ancestors there, so it is left out. */
export const META_CONTENT_SECURITY_POLICY = POLICY.filter(([k]) => k !== 'frame-ancestors')
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** Headers on every response the local server or the app:// protocol sends. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
