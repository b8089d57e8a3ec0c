// Every temporary folder a test file made through tmpDir() (test/helpers.ts) is removed once the file's tests are
// done: cases, imports and exports of full runs once filled the disk (tens of GB over a day of runs).
import { afterAll } from 'vitest';
import { removeTempFolders } from '../helpers.ts';

afterAll(() => removeTempFolders());
