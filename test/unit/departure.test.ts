// When a person left (store/departure.ts): the one definition orphaned-identity owners and token-used-after-owner-left
// read. Status alone says they left; a recorded departure without a status (GitHub org removal) too; a later return
// cancels a recorded departure, and a time from before the return belongs to an earlier departure.
import { describe, expect, it } from 'vitest';
import { departureOf } from '../../main/store/departure.ts';

describe('departureOf', () => {
  it('reads disabled and deleted as left, with the time where a source gives one', () => {
    expect(departureOf('active', {})).toBeNull();
    expect(departureOf(null, {})).toBeNull();
    expect(departureOf('disabled', {})).toEqual({ how: 'disabled', at: null, basis: 'status' });
    expect(departureOf('disabled', { left_at: '2024-05-10T12:00:00Z', left_by: 'Okta user.lifecycle.deactivate' })).toEqual({
      how: 'disabled',
      at: '2024-05-10T12:00:00.000Z',
      basis: 'Okta user.lifecycle.deactivate',
    });
    // Okta's Users API gives statusChanged.
    expect(departureOf('deleted', { statusChanged: '2024-03-01T08:00:00.000Z' })).toMatchObject({ how: 'deleted', at: '2024-03-01T08:00:00.000Z' });
  });

  it('reads a recorded departure without a status change as departed, cancelled by a later return', () => {
    expect(departureOf(null, { left_at: '2024-05-15T16:00:00.000Z', left_by: 'GitHub org.remove_member (acme)' })).toEqual({
      how: 'departed',
      at: '2024-05-15T16:00:00.000Z',
      basis: 'GitHub org.remove_member (acme)',
    });
    expect(departureOf(null, { left_at: '2024-05-15T16:00:00.000Z', returned_at: '2024-05-16T09:00:00.000Z' })).toBeNull();
    // Added before and removed after: gone.
    expect(departureOf(null, { left_at: '2024-05-15T16:00:00.000Z', returned_at: '2024-04-01T09:00:00.000Z' })).toMatchObject({ how: 'departed' });
  });

  it('does not date a departure by a time from before the latest return', () => {
    // Deactivated again after a return, with only the first deactivation's time recorded: the time is unknown.
    expect(departureOf('disabled', { deactivated_at: '2024-01-01T00:00:00.000Z', returned_at: '2024-02-01T00:00:00.000Z' })).toEqual({
      how: 'disabled',
      at: null,
      basis: 'status',
    });
    expect(departureOf('disabled', { left_at: 'not a date' })).toEqual({ how: 'disabled', at: null, basis: 'status' });
  });
});
