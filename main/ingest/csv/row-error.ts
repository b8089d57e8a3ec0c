// The two small types every canonical row handler shares.
import { RejectedRecord } from '../record-error.ts';

/** A record seen through the header mapping: get('owner') → the cell, or undefined when the column is absent. */
export type Cell = (column: string) => string | undefined;

/** Thrown by a row handler when a record cannot be used; the message is the reject reason. */
export class RowError extends RejectedRecord {}
