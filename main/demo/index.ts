// The demo enterprise: a seeded synthetic company with planted breaches, in real file formats.
// generate.ts writes the files; buildDemoCase turns them into a case through the real import API.
export { buildDemoCase } from './build-demo-case.ts';
export { SIZE_NAMES, isSizeName } from './sizes.ts';
export type { GroundTruth } from './ground-truth.ts';
