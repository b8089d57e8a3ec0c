// The demo enterprise: a seeded synthetic company with planted breaches, in real file formats.
// generateEnterprise writes the files; buildDemoCase turns them into a case through the real import API.
export { generateEnterprise, FILE_NAMES, type GenerateOptions, type GenerateResult } from './generate.ts';
export { buildDemoCase, type DemoCaseOptions, type DemoCaseResult } from './build-demo-case.ts';
export { SIZES, SIZE_NAMES, isSizeName, type SizeName } from './sizes.ts';
export { STORY_IDS, type GroundTruth, type Story, type StoryId } from './ground-truth.ts';
