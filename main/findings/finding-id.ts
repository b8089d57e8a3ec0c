// Stable finding ids: the same rule on the same subject (and distinguishing key) always gets the same id,
// so triage decisions survive re-runs and new imports.
import crypto from 'node:crypto';

export function findingId(rule: string, subject: string, key = ''): string {
  return crypto.createHash('sha256').update(`${rule}\u0000${subject}\u0000${key}`).digest('hex').slice(0, 16);
}
