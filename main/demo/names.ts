// Word lists that make the demo enterprise read like a real company: people, teams, services, SaaS apps.
// Pure data. The company is fictional (Northwind Freight, a logistics firm); the domain is under .example.

export const COMPANY = { name: 'Northwind Freight', domain: 'northwindfreight.example', githubOrg: 'northwind-freight', tenantId: '6f1c2a9e-3b7d-4e52-9a1f-0c8d5e7b2a41' };

export const FIRST_NAMES = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adam', 'Adriana', 'Ahmed', 'Aisha', 'Alejandro', 'Alex', 'Alice', 'Amara', 'Amelia', 'Ana',
  'Andrea', 'Andrei', 'Anika', 'Anna', 'Arjun', 'Ava', 'Ben', 'Bianca', 'Bram', 'Camila', 'Carlos', 'Caroline', 'Chen', 'Chiara',
  'Chloe', 'Christian', 'Clara', 'Daniel', 'Dana', 'David', 'Diego', 'Dmitri', 'Elena', 'Elif', 'Elijah', 'Emeka', 'Emil', 'Emma',
  'Erik', 'Ethan', 'Eva', 'Fatima', 'Felix', 'Finn', 'Freya', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hassan', 'Ines', 'Isabel',
  'Ivan', 'Jack', 'Jana', 'Jasper', 'Javier', 'Jonas', 'Julia', 'Kai', 'Karim', 'Kenji', 'Lara', 'Laura', 'Leon', 'Liam', 'Lina',
  'Lucas', 'Lucia', 'Luis', 'Maja', 'Marco', 'Maria', 'Mateo', 'Maya', 'Mei', 'Mia', 'Milan', 'Mohammed', 'Nadia', 'Naomi',
  'Nils', 'Noah', 'Nora', 'Olga', 'Oliver', 'Omar', 'Pablo', 'Paul', 'Priya', 'Rafael', 'Ravi', 'Rosa', 'Ruth', 'Sam', 'Sara',
  'Sebastian', 'Sofia', 'Sven', 'Tariq', 'Tess', 'Theo', 'Tomas', 'Valentina', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Bakker', 'Banerjee', 'Becker', 'Bianchi', 'Brandt', 'Brooks', 'Byrne', 'Castillo',
  'Chandra', 'Chowdhury', 'Costa', 'Dahl', 'Das', 'De Vries', 'Delgado', 'Dubois', 'Eriksen', 'Falk', 'Ferreira', 'Fischer',
  'Fontaine', 'Garcia', 'Gomez', 'Gupta', 'Haddad', 'Hansen', 'Hartmann', 'Hoffmann', 'Holm', 'Hughes', 'Ibrahim', 'Ivanova',
  'Jansen', 'Jensen', 'Johansson', 'Kaur', 'Keller', 'Khan', 'Kim', 'Klein', 'Koch', 'Kowalski', 'Kruger', 'Larsen', 'Laurent',
  'Lee', 'Lindqvist', 'Lopez', 'Maier', 'Marino', 'Martin', 'Meyer', 'Moreau', 'Morris', 'Murphy', 'Nakamura', 'Neumann',
  'Nguyen', 'Nielsen', 'Novak', 'Okafor', 'Oliveira', 'Olsen', 'Ortiz', 'Park', 'Patel', 'Peeters', 'Petrov', 'Pereira', 'Quinn',
  'Ramos', 'Reyes', 'Ricci', 'Richter', 'Rossi', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Schulz', 'Shah', 'Silva', 'Singh',
  'Sorensen', 'Suzuki', 'Tanaka', 'Thomsen', 'Torres', 'Van Dijk', 'Vargas', 'Visser', 'Vogel', 'Wagner', 'Walsh', 'Weber',
  'Whitfield', 'Wolf', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zimmermann',
] as const;

/** Engineering and business teams; each owns systems, roles, service accounts and pipelines. */
export const TEAMS = [
  'payments', 'orders', 'checkout', 'inventory', 'shipping', 'billing', 'identity', 'search', 'analytics', 'pricing',
  'routing', 'fleet', 'customs', 'tracking', 'partners', 'warehouse', 'catalog', 'notifications', 'mobile', 'web',
  'data-platform', 'ml-platform', 'fraud', 'ledger', 'claims', 'returns', 'loyalty', 'crm', 'support-tools', 'reporting',
  'platform', 'observability', 'edge', 'messaging', 'scheduling', 'documents', 'invoicing', 'procurement', 'hr-systems', 'finance-systems',
] as const;

export const DEPARTMENTS = ['engineering', 'operations', 'finance', 'sales', 'customer-support', 'people', 'security', 'it'] as const;

/** What a service account or workload does, for names like svc-payments-reconcile-012. */
export const DUTIES = [
  'reconcile', 'export', 'sync', 'ingest', 'notify', 'report', 'backup', 'scan', 'migrate', 'index', 'etl', 'archive',
  'webhook', 'scheduler', 'worker', 'api', 'consumer', 'publisher', 'cleanup', 'audit', 'monitor', 'replicator', 'batch', 'gateway',
] as const;

export const AWS_REGIONS = ['eu-central-1', 'eu-central-1', 'eu-central-1', 'eu-west-1', 'us-east-1'] as const;

/**
 * Company-wide SaaS, signed into through Entra ID. appId values are the real first-party ids where Microsoft
 * publishes them. Systems are keyed `entra:resource:<appId>`, as the Entra importer names what is signed in to.
 */
export interface SaasApp {
  /** Short name the generator looks the app up by. */
  slug: string;
  name: string;
  appId: string;
  criticality: 'low' | 'medium' | 'high' | 'critical';
  dataClass: string;
}

export const SAAS_APPS: SaasApp[] = [
  { slug: 'saas:m365-exchange', name: 'Office 365 Exchange Online', appId: '00000002-0000-0ff1-ce00-000000000000', criticality: 'high', dataClass: 'confidential' },
  { slug: 'saas:m365-sharepoint', name: 'Office 365 SharePoint Online', appId: '00000003-0000-0ff1-ce00-000000000000', criticality: 'high', dataClass: 'confidential' },
  { slug: 'saas:microsoft-graph', name: 'Microsoft Graph', appId: '00000003-0000-0000-c000-000000000000', criticality: 'high', dataClass: 'confidential' },
  { slug: 'saas:teams', name: 'Microsoft Teams', appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', criticality: 'medium', dataClass: 'internal' },
  { slug: 'saas:salesforce', name: 'Salesforce', appId: '8c3a1f47-2d6e-4b91-a7c5-3e9f0d2b6a18', criticality: 'high', dataClass: 'pii' },
  { slug: 'saas:workday', name: 'Workday', appId: '2b7e9d14-6c3f-4a85-b1e2-7f4d0c9a3e56', criticality: 'critical', dataClass: 'pii' },
  { slug: 'saas:zendesk', name: 'Zendesk', appId: '5d1f8a2c-9e47-4b3d-8c6a-1a2b3c4d5e6f', criticality: 'medium', dataClass: 'pii' },
  { slug: 'saas:slack', name: 'Slack', appId: '7a9c2e4f-1b3d-4f6a-9e8c-2d4f6a8b0c1e', criticality: 'medium', dataClass: 'internal' },
  { slug: 'saas:github-enterprise', name: 'GitHub Enterprise Cloud', appId: '3e5a7c9b-2d4f-4a6c-8e1b-5f7a9c1e3d5b', criticality: 'high', dataClass: 'source-code' },
  { slug: 'saas:aws-identity-center', name: 'AWS IAM Identity Center', appId: '9f1b3d5e-7a2c-4e6b-8d0f-1c3e5a7b9d2f', criticality: 'critical', dataClass: 'infrastructure' },
  { slug: 'saas:jira', name: 'Atlassian Jira', appId: '4c6e8a0b-3d5f-4b7a-9c1e-6a8c0e2f4b6d', criticality: 'medium', dataClass: 'internal' },
  { slug: 'saas:netsuite', name: 'Oracle NetSuite', appId: '6b8d0f2a-4c6e-4d8b-a0f2-7c9e1a3b5d7f', criticality: 'critical', dataClass: 'financial' },
];

/** SaaS reached with API keys rather than sign-ins (their own audit logs land in auth_events.csv). */
export const API_SAAS = [
  { key: 'saas:stripe', name: 'Stripe', criticality: 'critical', dataClass: 'financial', actions: ['charges.list', 'charges.create', 'refunds.create', 'customers.retrieve', 'payouts.list'] },
  { key: 'saas:datadog', name: 'Datadog', criticality: 'medium', dataClass: 'internal', actions: ['metrics.submit', 'logs.submit', 'events.post', 'monitors.get'] },
  { key: 'saas:openai', name: 'OpenAI API', criticality: 'medium', dataClass: 'confidential', actions: ['chat.completions.create', 'embeddings.create', 'files.list'] },
  { key: 'saas:twilio', name: 'Twilio', criticality: 'medium', dataClass: 'pii', actions: ['messages.create', 'calls.list', 'lookups.fetch'] },
  { key: 'saas:sendgrid', name: 'SendGrid', criticality: 'medium', dataClass: 'pii', actions: ['mail.send', 'templates.get', 'stats.get'] },
  { key: 'saas:pagerduty', name: 'PagerDuty', criticality: 'low', dataClass: 'internal', actions: ['incidents.create', 'incidents.list', 'services.get'] },
] as const;
