// Schema v6: warnings about an imported file as a whole (a truncated .gz read up to the damage), as JSON text.
export const sql = /* sql */ `
ALTER TABLE source ADD COLUMN warnings TEXT;
`;
