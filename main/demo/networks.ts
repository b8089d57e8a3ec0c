// Where the demo enterprise's traffic comes from: the ranges written to networks.csv and the addresses
// events use. Baseline traffic stays inside these ranges; the planted stories come from tor/hosting ones,
// so the intel layer can classify every address the analyst sees.
import type { NetworkClass } from '../../shared/model.ts';
import type { Rng } from './random.ts';

export interface DemoNetwork {
  cidr: string;
  class: NetworkClass;
  label: string;
  source: string;
}

/** Real public ranges where the class is public knowledge (AWS, Azure, Tor exits); documentation ranges for the company's own egress. */
export const NETWORKS = {
  hq: { cidr: '198.51.100.0/24', class: 'corporate', label: 'Hamburg HQ office egress', source: 'northwind-netops' },
  branch: { cidr: '203.0.113.0/24', class: 'corporate', label: 'Rotterdam and Chicago office egress', source: 'northwind-netops' },
  internal: { cidr: '10.0.0.0/12', class: 'corporate', label: 'Internal networks (data centre, offices)', source: 'northwind-netops' },
  vpn: { cidr: '192.0.2.0/24', class: 'corporate_vpn', label: 'Corporate VPN egress (GlobalProtect)', source: 'northwind-netops' },
  runners: { cidr: '10.40.0.0/16', class: 'ci_runner', label: 'Self-hosted CI runners (private)', source: 'northwind-platform' },
  runnersNat: { cidr: '52.28.140.0/26', class: 'ci_runner', label: 'CI runner NAT egress (AWS eu-central-1)', source: 'northwind-platform' },
  vpc: { cidr: '10.100.0.0/16', class: 'cloud', label: 'AWS VPC private subnets', source: 'northwind-platform' },
  awsNat: { cidr: '52.20.0.0/14', class: 'cloud', label: 'AWS EC2 (NAT gateways, us-east-1)', source: 'aws ip-ranges.json' },
  awsEu: { cidr: '3.120.0.0/14', class: 'cloud', label: 'AWS EC2 (eu-central-1)', source: 'aws ip-ranges.json' },
  azure: { cidr: '20.190.128.0/18', class: 'cloud', label: 'Microsoft Azure (Entra ID service)', source: 'azure service tags' },
  home: { cidr: '84.128.0.0/10', class: 'residential', label: 'Consumer broadband (home working)', source: 'analyst' },
  hosting: { cidr: '45.155.40.0/22', class: 'hosting', label: 'VPS hosting provider (no business use)', source: 'analyst' },
  tor: { cidr: '185.220.101.0/24', class: 'tor', label: 'Tor exit relays', source: 'check.torproject.org exit list' },
  tor2: { cidr: '192.42.116.0/24', class: 'tor', label: 'Tor exit relays (nothingtohide.nl)', source: 'check.torproject.org exit list' },
} as const satisfies Record<string, DemoNetwork>;

export type NetworkName = keyof typeof NETWORKS;

/** The n-th host address of an IPv4 CIDR (skipping network and broadcast addresses). */
export function addressIn(name: NetworkName, n: number): string {
  const [base, bitsText] = NETWORKS[name].cidr.split('/');
  const bits = Number(bitsText);
  const hosts = 2 ** (32 - bits) - 2;
  const start = base.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const value = start + 1 + (Math.abs(n) % hosts);
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function randomAddressIn(name: NetworkName, rng: Rng): string {
  return addressIn(name, rng.int(2 ** 24));
}

/** User agents as the tools really send them: SDKs and CLIs for machines, browsers for people. */
export const USER_AGENTS = {
  awsCli: 'aws-cli/2.15.30 Python/3.11.8 Linux/5.10.210-201.852.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/s3.cp',
  awsCliCi:
    'aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0-1022-azure md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython exe/x86_64.ubuntu.22 cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#sts.assume-role',
  boto3:
    'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  goSdk: 'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/s3#1.53.1',
  javaSdk:
    'aws-sdk-java/2.25.28 Linux/5.10.214-202.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.2+13-LTS Java/21.0.2 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy',
  nodeSdk: 'aws-sdk-js/3.556.0 ua/2.0 os/linux#5.10.214-202.855.amzn2.x86_64 lang/js md/nodejs#20.12.2 api/dynamodb#3.556.0',
  terraform:
    'APN/1.0 HashiCorp/1.0 Terraform/1.8.2 (+https://www.terraform.io) terraform-provider-aws/5.46.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.6',
  attackerBoto:
    'Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#6.1.0-18-amd64 md/arch#x86_64 lang/python#3.11.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.57',
  attackerCli: 'aws-cli/1.29.54 Python/3.11.6 Linux/6.5.0-kali3-amd64 botocore/1.31.54',
  pythonRequests: 'python-requests/2.31.0',
  curl: 'curl/8.5.0',
  nodeFetch: 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  githubActions: 'actions/github-script (node20) octokit-core.js/5.0.2 Node.js/20',
  gitCli: 'git/2.44.0',
  kubectl: 'kubectl/v1.29.3 (linux/amd64) kubernetes/6813625',
  msal: 'Mozilla/5.0 (compatible; MSAL.NET/4.60.3.0; .NET 8.0.4)',
  msalPython: 'MSAL Python/1.28.0 Python/3.11.8 (Linux)',
  agentSdk: 'northwind-agent-gateway/2.3.1 (langchain 0.2.1; python 3.11)',
  ldap: 'OpenLDAP/2.6.7',
  jdbc: 'PostgreSQL JDBC Driver 42.7.3',
  chromeWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  outlookMobile: 'Outlook-iOS/2.0',
  sprayTool: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0',
} as const;

export const BROWSERS = [
  USER_AGENTS.chromeWin,
  USER_AGENTS.chromeWin,
  USER_AGENTS.chromeMac,
  USER_AGENTS.safariMac,
  USER_AGENTS.firefoxLinux,
] as const;
export const AWS_SDKS = [
  USER_AGENTS.boto3,
  USER_AGENTS.boto3,
  USER_AGENTS.goSdk,
  USER_AGENTS.javaSdk,
  USER_AGENTS.nodeSdk,
  USER_AGENTS.awsCli,
] as const;

/** Where Entra geolocates each network (sign-in logs carry city and coordinates). */
export const PLACES: Record<NetworkName, { city: string; state: string; countryOrRegion: string; latitude: number; longitude: number }> = {
  hq: { city: 'Hamburg', state: 'Hamburg', countryOrRegion: 'DE', latitude: 53.5511, longitude: 9.9937 },
  branch: { city: 'Rotterdam', state: 'Zuid-Holland', countryOrRegion: 'NL', latitude: 51.9244, longitude: 4.4777 },
  internal: { city: 'Hamburg', state: 'Hamburg', countryOrRegion: 'DE', latitude: 53.5511, longitude: 9.9937 },
  vpn: { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE', latitude: 50.1109, longitude: 8.6821 },
  runners: { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE', latitude: 50.1109, longitude: 8.6821 },
  runnersNat: { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE', latitude: 50.1109, longitude: 8.6821 },
  vpc: { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE', latitude: 50.1109, longitude: 8.6821 },
  awsNat: { city: 'Ashburn', state: 'Virginia', countryOrRegion: 'US', latitude: 39.0438, longitude: -77.4874 },
  awsEu: { city: 'Frankfurt am Main', state: 'Hessen', countryOrRegion: 'DE', latitude: 50.1109, longitude: 8.6821 },
  azure: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL', latitude: 52.3676, longitude: 4.9041 },
  home: { city: 'Hamburg', state: 'Hamburg', countryOrRegion: 'DE', latitude: 53.5511, longitude: 9.9937 },
  hosting: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL', latitude: 52.3759, longitude: 4.8975 },
  tor: { city: 'Berlin', state: 'Berlin', countryOrRegion: 'DE', latitude: 52.52, longitude: 13.405 },
  tor2: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL', latitude: 52.3676, longitude: 4.9041 },
};

/** The named network an address falls in (the generator only emits addresses from NETWORKS). */
export function networkOf(address: string): NetworkName {
  const value = toNumber(address);
  for (const r of RANGES) if (value >= r.start && value < r.end) return r.name;
  return 'hq';
}

const RANGES = (Object.entries(NETWORKS) as [NetworkName, DemoNetwork][]).map(([name, net]) => {
  const [base, bits] = net.cidr.split('/');
  const start = toNumber(base);
  return { name, start, end: start + 2 ** (32 - Number(bits)) };
});

function toNumber(address: string): number {
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}
