// Curated ASN → network class table, plus organisation-name heuristics for ASNs not in it.
// Curated from where the Tor exits, VPN and datacenter ranges of public lists concentrate (2024–2026)
// and from the cloud providers' own ASNs. Pure data: the intel layer applies it; the UI may show it.

export type AsnClass = 'cloud' | 'hosting' | 'vpn' | 'tor';

/** Autonomous systems whose address space is (almost) all of one kind. */
export const CURATED_ASNS: Readonly<Record<number, { class: AsnClass; note: string }>> = {
  // Operated for Tor exit relays (non-profits and relay associations): tor-heavy.
  60729: { class: 'tor', note: 'Stiftung Erneuerbare Freiheit (Tor relay operator)' },
  210558: { class: 'tor', note: '1337 Services (Tor exit hosting)' },
  215125: { class: 'tor', note: 'Church of Cyberology (Tor exits)' },
  208323: { class: 'tor', note: 'Foundation for Applied Privacy (Tor exits)' },
  396507: { class: 'tor', note: 'Emerald Onion (Tor exits)' },
  401720: { class: 'tor', note: 'Unredacted (Tor exits)' },
  205100: { class: 'tor', note: 'F3 Netze (Tor relay association)' },
  198093: { class: 'tor', note: 'DFRI (Tor relay association)' },
  // Consumer VPN providers and the carriers whose space they rent almost exclusively.
  9009: { class: 'vpn', note: 'M247 (large share of consumer VPN exits)' },
  212238: { class: 'vpn', note: 'Datacamp / CDN77 (consumer VPN exits)' },
  60068: { class: 'vpn', note: 'Datacamp / CDN77 (consumer VPN exits)' },
  136787: { class: 'vpn', note: 'PacketHub (NordVPN)' },
  207137: { class: 'vpn', note: 'PacketHub (NordVPN)' },
  199218: { class: 'vpn', note: 'Proton AG (Proton VPN)' },
  209103: { class: 'vpn', note: 'Proton AG (Proton VPN)' },
  39351: { class: 'vpn', note: '31173 Services (Mullvad VPN)' },
  137409: { class: 'vpn', note: 'GSL Networks (VPN exits)' },
  136557: { class: 'vpn', note: 'Host Universal (VPN exits)' },
  209854: { class: 'vpn', note: 'Cyberzone (Surfshark)' },
  // Cloud providers: workloads legitimately run here; a change of cloud is still a new network.
  16509: { class: 'cloud', note: 'Amazon Web Services' },
  14618: { class: 'cloud', note: 'Amazon Web Services' },
  8075: { class: 'cloud', note: 'Microsoft Azure' },
  8068: { class: 'cloud', note: 'Microsoft' },
  15169: { class: 'cloud', note: 'Google' },
  396982: { class: 'cloud', note: 'Google Cloud' },
  19527: { class: 'cloud', note: 'Google' },
  31898: { class: 'cloud', note: 'Oracle Cloud' },
  36351: { class: 'cloud', note: 'IBM Cloud (SoftLayer)' },
  45102: { class: 'cloud', note: 'Alibaba Cloud' },
  37963: { class: 'cloud', note: 'Alibaba Cloud' },
  132203: { class: 'cloud', note: 'Tencent Cloud' },
  45090: { class: 'cloud', note: 'Tencent Cloud' },
  13335: { class: 'cloud', note: 'Cloudflare' },
  // Rent-a-server hosting: cheap, anonymous to sign up for, common for attacker infrastructure.
  14061: { class: 'hosting', note: 'DigitalOcean' },
  16276: { class: 'hosting', note: 'OVH' },
  24940: { class: 'hosting', note: 'Hetzner' },
  213230: { class: 'hosting', note: 'Hetzner Cloud' },
  63949: { class: 'hosting', note: 'Linode (Akamai)' },
  20473: { class: 'hosting', note: 'Vultr (Choopa)' },
  51167: { class: 'hosting', note: 'Contabo' },
  12876: { class: 'hosting', note: 'Scaleway' },
  197540: { class: 'hosting', note: 'netcup' },
  53667: { class: 'hosting', note: 'FranTech / BuyVM (many Tor exits)' },
  36352: { class: 'hosting', note: 'ColoCrossing / HostPapa' },
  8100: { class: 'hosting', note: 'QuadraNet' },
  29802: { class: 'hosting', note: 'Hivelocity' },
  62240: { class: 'hosting', note: 'Clouvider' },
  200651: { class: 'hosting', note: 'FlokiNET (privacy hosting)' },
  44925: { class: 'hosting', note: '1984 ehf (privacy hosting)' },
  56655: { class: 'hosting', note: 'Gigahost' },
  49981: { class: 'hosting', note: 'WorldStream' },
  43350: { class: 'hosting', note: 'NForce Entertainment' },
  210644: { class: 'hosting', note: 'AEZA' },
  16265: { class: 'hosting', note: 'LeaseWeb' },
  60781: { class: 'hosting', note: 'LeaseWeb NL' },
  28753: { class: 'hosting', note: 'LeaseWeb DE' },
  30633: { class: 'hosting', note: 'LeaseWeb USA' },
  202425: { class: 'hosting', note: 'IP Volume' },
  47583: { class: 'hosting', note: 'Hostinger' },
};

/** Organisation-name patterns, tried in order when an ASN is not curated. */
export const ORG_HEURISTICS: readonly { class: AsnClass; pattern: RegExp }[] = [
  { class: 'tor', pattern: /\btor\b|torservers|zwiebelfreunde|emerald onion|applied privacy|relayon|tor exit/i },
  {
    class: 'vpn',
    pattern:
      /\bvpn\b|nordvpn|expressvpn|mullvad|proton ag|private internet access|surfshark|windscribe|ipvanish|cyberghost|purevpn|hide\.me|packethub/i,
  },
  {
    class: 'cloud',
    pattern: /amazon|\baws\b|google (llc|cloud)|microsoft|azure|oracle (cloud|corporation)|alibaba|tencent cloud|ibm cloud|softlayer/i,
  },
  {
    class: 'hosting',
    pattern:
      /hosting|\bhost\b|hoster|server|data ?cent(er|re)|datacenter|colocation|\bcolo\b|\bvps\b|dedicated|digitalocean|\bovh|hetzner|linode|vultr|choopa|contabo|leaseweb|cloud/i,
  },
];
