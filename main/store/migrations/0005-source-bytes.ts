// Schema v5: the size of each imported file. Equal content means equal size, so a file whose size no
// earlier source has cannot be a re-import: a big one is hashed while it loads instead of before.
export const sql = /* sql */ `
ALTER TABLE source ADD COLUMN bytes INTEGER;
`;
