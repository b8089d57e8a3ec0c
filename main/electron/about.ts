// Text of Help > About: version and the attributions for data shipped with the app.
// Test fixtures and conformance samples are not shipped (electron-builder.yml leaves test/ out).

export const ATTRIBUTIONS = ['IP-to-ASN data: @ip-location-db/asn (RouteViews and DB-IP), licensed CC BY 4.0.'];

export function aboutText(version: string, versions: { electron?: string; chrome?: string; node?: string }): string {
  return [
    `Blastmap ${version}`,
    'Offline identity blast-radius and attack-path workbench. Nothing leaves this machine.',
    '',
    `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node ?? '?'}`,
    '',
    'Data attributions',
    ...ATTRIBUTIONS.map((a) => `• ${a}`),
  ].join('\n');
}
