// What the generator planted, so tests and the analyst can check Blastmap finds it: every breach story
// with the ids of its identities, credentials, systems and edges, the expected attack path, and the exact
// file and line of each event it left in the logs.
import type { EdgeKind } from '../../shared/model.ts';
import type { SizeName } from './sizes.ts';

export const STORY_IDS = ['leaked-ci-token', 'tor-unrotated-key', 'orphaned-oauth-app', 'overprivileged-ai-agent', 'password-spray'] as const;
export type StoryId = (typeof STORY_IDS)[number];

export interface StoryEdge {
  src: string;
  kind: EdgeKind;
  dst: string;
  privilege?: 'read' | 'write' | 'admin';
}

export interface StoryEvent {
  /** File name inside the output folder, and the 1-based line (a CSV header is line 1). */
  file: string;
  line: number;
  time: string;
  identity: string;
  action: string;
  target: string;
  sourceIp: string;
  outcome: 'success' | 'failure';
}

export interface Story {
  id: StoryId;
  title: string;
  narrative: string;
  /** Where the attacker starts (a node key), and the crown jewel the story ends at, if any. */
  entry: string;
  crownJewel: string | null;
  identities: string[];
  credentials: string[];
  systems: string[];
  edges: StoryEdge[];
  /** Node keys from the entry to the crown jewel (or the system reached), following the edges of docs/graph.md. */
  expectedPath: string[];
  sourceIps: string[];
  /** Finding rule ids that should flag this story (e.g. anonymous-network, orphaned-identity). */
  expectedFindings: string[];
  events: StoryEvent[];
}

export interface GeneratedFile {
  name: string;
  /** The format the file is written in: a canonical CSV kind, `cloudtrail` or `entra-signin`. */
  format: string;
  rows: number;
  bytes: number;
}

export interface GroundTruth {
  seed: number;
  size: SizeName;
  asOf: string;
  files: GeneratedFile[];
  counts: {
    identities: number;
    groupsAndRoles: number;
    systems: number;
    credentials: number;
    entitlements: number;
    events: number;
    networks: number;
  };
  stories: Story[];
}
