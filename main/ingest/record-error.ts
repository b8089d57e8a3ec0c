// The one marker every importer's record loop turns into a reject: a record that cannot be used, with the
// reason as its message. Format-specific errors (RowError, RecordError) extend it so that a refusal raised
// by the shared writer (e.g. a node kind conflict) is rejected the same way in every format.

/** A record that cannot be used; the message becomes the reject reason. */
export class RejectedRecord extends Error {}
