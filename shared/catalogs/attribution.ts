// Third-party data shipped with Blastmap and the credit its licence requires. The About view shows these.

export interface DataAttribution {
  name: string;
  what: string;
  licence: string;
  credit: string;
  url: string;
}

export const DATA_ATTRIBUTIONS: readonly DataAttribution[] = [
  {
    name: '@ip-location-db/asn',
    what: 'IP address → autonomous system number and organisation (offline)',
    licence: 'CC BY 4.0',
    credit: 'Contains data from RouteViews (University of Oregon) and DB-IP (db-ip.com), licensed under CC BY 4.0, packaged by ip-location-db.',
    url: 'https://github.com/sapics/ip-location-db',
  },
];

/** The one-line credit for the IP → ASN data (README and About). */
export const IP_ASN_ATTRIBUTION = 'IP-to-ASN data: @ip-location-db/asn (RouteViews and DB-IP, CC BY 4.0).';
