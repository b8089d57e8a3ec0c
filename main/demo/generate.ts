// generateEnterprise: writes the demo enterprise's files (six canonical CSVs, CloudTrail NDJSON, Entra
// sign-in NDJSON) into a folder and returns the ground truth of what was planted. Streams: identities are
// produced one at a time and events one day at a time, so M and L sizes never sit in memory as rows.
import fs from 'node:fs';
import path from 'node:path';
import { dayActivity, rateScale } from './activity.ts';
import type { Activity, Actor } from './actors.ts';
import { cloudTrailRecord } from './formats/cloudtrail.ts';
import { entraRecord } from './formats/entra.ts';
import type { GeneratedFile, GroundTruth, Story, StoryId } from './ground-truth.ts';
import { NETWORKS, PLACES, networkOf } from './networks.ts';
import { nhiProfile } from './nhi.ts';
import { BLOCK, Org } from './org.ts';
import { personProfile } from './people.ts';
import { rngFor, type Rng } from './random.ts';
import {
  COLUMNS,
  isoSecond,
  type AuthEventRow,
  type CredentialRow,
  type EntitlementRow,
  type IdentityRow,
  type NetworkRow,
  type SystemRow,
} from './rows.ts';
import { CsvSink, LineSink } from './sink.ts';
import { DAY_MS, SIZES, type SizeName } from './sizes.ts';
import { planStories, type StoryPlan } from './stories/index.ts';

export interface GenerateOptions {
  size: SizeName;
  seed: number;
  /** Folder for the files; created when missing. Existing files of the same names are replaced. */
  outDir: string;
}

export interface GenerateResult {
  /** Absolute paths, inventories first, then the logs: the order to import them in. */
  files: string[];
  truth: GroundTruth;
}

export const FILE_NAMES = {
  networks: 'networks.csv',
  systems: 'systems.csv',
  identities: 'identities.csv',
  credentials: 'credentials.csv',
  entitlements: 'entitlements.csv',
  authEvents: 'auth_events.csv',
  cloudtrail: 'cloudtrail.ndjson',
  entra: 'entra-signins.ndjson',
} as const;

export async function generateEnterprise(options: GenerateOptions): Promise<GenerateResult> {
  const preset = SIZES[options.size];
  if (!preset) throw new Error(`unknown size "${options.size}" (expected demo, S, M or L)`);
  const seed = options.seed >>> 0;
  const org = new Org(seed, preset);
  const plan = planStories(org);
  fs.mkdirSync(options.outDir, { recursive: true });
  const file = (name: string) => path.resolve(options.outDir, name);
  const written: GeneratedFile[] = [];
  const done = (name: string, format: string, sink: LineSink, header: boolean) => {
    sink.close();
    written.push({ name, format, rows: sink.lines - (header ? 1 : 0), bytes: sink.bytes });
  };

  const networks = new CsvSink<NetworkRow>(file(FILE_NAMES.networks), [...COLUMNS.networks]);
  for (const n of Object.values(NETWORKS)) networks.row(n);
  done(FILE_NAMES.networks, 'networks', networks.sink, true);

  const systems = new CsvSink<SystemRow>(file(FILE_NAMES.systems), [...COLUMNS.systems]);
  for (const row of [...org.systems(), ...plan.systems]) systems.row(row);
  done(FILE_NAMES.systems, 'systems', systems.sink, true);

  const actors = writeInventory(org, plan, file, done);
  const eventCount = writeEvents(org, plan, actors, file, done);

  const rows = (name: string) => written.find((w) => w.name === name)!.rows;
  const truth: GroundTruth = {
    seed,
    size: options.size,
    asOf: new Date(org.asOf).toISOString(),
    files: written,
    counts: {
      identities: preset.identities + plan.identities.filter((r) => r.kind !== 'group' && r.kind !== 'role').length,
      groupsAndRoles: rows(FILE_NAMES.identities) - preset.identities - plan.identities.filter((r) => r.kind !== 'group' && r.kind !== 'role').length,
      systems: rows(FILE_NAMES.systems),
      credentials: rows(FILE_NAMES.credentials),
      entitlements: rows(FILE_NAMES.entitlements),
      events: eventCount,
      networks: rows(FILE_NAMES.networks),
    },
    stories: plan.stories,
  };
  const order = [
    FILE_NAMES.networks,
    FILE_NAMES.systems,
    FILE_NAMES.identities,
    FILE_NAMES.credentials,
    FILE_NAMES.entitlements,
    FILE_NAMES.authEvents,
    FILE_NAMES.cloudtrail,
    FILE_NAMES.entra,
  ];
  return { files: order.map(file), truth };
}

type Done = (name: string, format: string, sink: LineSink, header: boolean) => void;

/** identities.csv, credentials.csv and entitlements.csv in one pass over the population; returns its actors. */
function writeInventory(org: Org, plan: StoryPlan, file: (n: string) => string, done: Done): Actor[] {
  const identities = new CsvSink<IdentityRow>(file(FILE_NAMES.identities), [...COLUMNS.identities]);
  const credentials = new CsvSink<CredentialRow>(file(FILE_NAMES.credentials), [...COLUMNS.credentials]);
  const entitlements = new CsvSink<EntitlementRow>(file(FILE_NAMES.entitlements), [...COLUMNS.entitlements]);
  const actors: Actor[] = [];
  const fixed = org.groupsAndRoles();
  for (const row of fixed.identities) identities.row(row);
  for (const row of fixed.entitlements) entitlements.row(row);
  for (let i = 0; i < org.identities; i++) {
    if (i % BLOCK === 0) {
      const p = personProfile(org, i / BLOCK);
      identities.row(p.identity);
      for (const row of p.entitlements) entitlements.row(row);
      if (p.actor) actors.push(p.actor);
      continue;
    }
    const p = nhiProfile(org, i);
    for (const row of p.identities) identities.row(row);
    for (const row of p.credentials) credentials.row(row);
    for (const row of p.entitlements) entitlements.row(row);
    if (p.actor) actors.push(p.actor);
  }
  for (const row of plan.identities) identities.row(row);
  for (const row of plan.credentials) credentials.row(row);
  for (const row of plan.entitlements) entitlements.row(row);
  done(FILE_NAMES.identities, 'identities', identities.sink, true);
  done(FILE_NAMES.credentials, 'credentials', credentials.sink, true);
  done(FILE_NAMES.entitlements, 'entitlements', entitlements.sink, true);
  return actors.concat(plan.actors);
}

/** The three logs, one day at a time, each day sorted by time as the sources deliver them. */
function writeEvents(org: Org, plan: StoryPlan, actors: Actor[], file: (n: string) => string, done: Done): number {
  const days = org.size.days;
  const scale = rateScale(actors, org.size.events, days);
  const csv = new CsvSink<AuthEventRow>(file(FILE_NAMES.authEvents), [...COLUMNS.auth_events]);
  const cloudtrail = new LineSink(file(FILE_NAMES.cloudtrail));
  const entra = new LineSink(file(FILE_NAMES.entra));
  const stories = new Map<string, Story>(plan.stories.map((s) => [s.id, s]));
  const scripted = new Map<number, Activity[]>();
  const firstDay = org.asOf - days * DAY_MS;
  for (const a of plan.events) {
    const d = Math.floor((a.ts - firstDay) / DAY_MS);
    if (d >= 0 && d < days) scripted.set(d, [...(scripted.get(d) ?? []), a]);
  }
  let count = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = firstDay + d * DAY_MS;
    const batch: Activity[] = [];
    dayActivity(actors, scale, dayStart, rngFor(org.seed, 'day', d), batch);
    batch.push(...(scripted.get(d) ?? []));
    batch.sort((x, y) => x.ts - y.ts);
    const rng = rngFor(org.seed, 'format', d);
    for (const a of batch) {
      if (a.ts >= org.asOf) continue;
      const [name, line] = writeActivity(a, csv, cloudtrail, entra, rng);
      count++;
      const storyId = a.story ?? (a.actor.baselineIsEvidence ? a.actor.story : undefined);
      const story = storyId ? stories.get(storyId as StoryId) : undefined;
      if (story) {
        story.events.push({
          file: name,
          line,
          time: isoSecond(a.ts),
          identity: a.aws?.arn ?? a.actor.key,
          action: a.action,
          target: a.target.key,
          sourceIp: a.ip,
          outcome: a.ok ? 'success' : 'failure',
        });
      }
    }
  }
  done(FILE_NAMES.authEvents, 'auth_events', csv.sink, true);
  done(FILE_NAMES.cloudtrail, 'cloudtrail', cloudtrail, false);
  done(FILE_NAMES.entra, 'entra-signin', entra, false);
  return count;
}

function writeActivity(a: Activity, csv: CsvSink<AuthEventRow>, cloudtrail: LineSink, entra: LineSink, rng: Rng): [string, number] {
  switch (a.actor.log) {
    case 'cloudtrail':
      return [FILE_NAMES.cloudtrail, cloudtrail.line(JSON.stringify(cloudTrailRecord(a, rng)))];
    case 'entra':
      return [FILE_NAMES.entra, entra.line(JSON.stringify(entraRecord(a, PLACES[networkOf(a.ip)], rng)))];
    default:
      return [
        FILE_NAMES.authEvents,
        csv.row({
          timestamp: isoSecond(a.ts),
          identity: a.actor.key,
          credential: a.actor.credential ?? '',
          source_ip: a.ip,
          user_agent: a.userAgent,
          action: a.action,
          target: a.target.key,
          outcome: a.ok ? 'success' : 'failure',
        }),
      ];
  }
}
