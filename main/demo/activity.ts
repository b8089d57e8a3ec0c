// Baseline activity: each day, every actor acts on its schedule (office hours on weekdays, cron jobs,
// steady services, CI bursts), from its usual addresses, with its usual client, against the systems it uses.
import { pickAction } from './actions.ts';
import type { Activity, Actor, Target } from './actors.ts';
import type { Rng } from './random.ts';
import { hashSeed } from './random.ts';
import { DAY_MS } from './sizes.ts';

const HOUR = 3_600_000;

/** Events per day for each unit of actor weight, so the whole window matches the size's event budget. */
export function rateScale(actors: Actor[], totalEvents: number, days: number): number {
  let weight = 0;
  for (const a of actors) weight += a.weight * (a.assumes ? 2 : 1);
  return weight ? totalEvents / days / weight : 0;
}

/** One day of baseline activity for every actor, in actor order (the caller sorts by time). */
export function dayActivity(actors: Actor[], scale: number, dayStart: number, rng: Rng, out: Activity[]): void {
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7 < 5;
  for (const actor of actors) {
    const lambda = actor.weight * scale;
    switch (actor.schedule) {
      case 'office':
        if (weekday) for (let n = rng.poisson(lambda * 1.4); n > 0; n--) emit(actor, dayStart + officeTime(actor.tz, rng), rng, out);
        break;
      case 'cron': {
        const runs = Math.max(1, Math.round(lambda));
        const period = DAY_MS / runs;
        const phase = ((hashSeed(actor.key) % 1000) / 1000) * period;
        for (let k = 0; k < runs; k++) emit(actor, dayStart + Math.floor(phase + k * period) + rng.int(20_000), rng, out);
        break;
      }
      case 'steady':
        for (let n = rng.poisson(lambda); n > 0; n--) emit(actor, dayStart + rng.int(DAY_MS), rng, out);
        break;
      case 'ci': {
        if (!weekday) break;
        let n = rng.poisson(lambda * 1.4);
        while (n > 0) {
          const burst = dayStart + officeTime(actor.tz, rng);
          const size = Math.min(n, rng.between(1, 4));
          if (actor.assumes) ciRun(actor, burst, size, rng, out);
          else for (let k = 0; k < size; k++) emit(actor, burst + rng.int(600_000), rng, out);
          n -= size;
        }
        break;
      }
    }
  }
}

/** Working hours in the actor's time zone, as ms after UTC midnight of the same day. */
function officeTime(tz: number, rng: Rng): number {
  // Redraw outside the working day rather than clamp, which would pile events up at its edges.
  let local = rng.normal(12.5, 2.6);
  for (let tries = 0; (local < 7 || local > 20.5) && tries < 4; tries++) local = rng.normal(12.5, 2.6);
  if (local < 7 || local > 20.5) local = 9 + rng.next() * 8;
  const utc = (((local - tz) % 24) + 24) % 24;
  return Math.floor(utc * HOUR) + rng.int(60_000);
}

function emit(actor: Actor, ts: number, rng: Rng, out: Activity[]): void {
  const target = rng.pick(actor.targets);
  out.push(act(actor, target, ts, rng));
}

function act(actor: Actor, target: Target, ts: number, rng: Rng): Activity {
  const { action, service } = actor.log === 'entra' ? { action: 'Sign-in activity', service: undefined } : pickAction(target, rng);
  return {
    ts,
    actor,
    target,
    action,
    service,
    ip: rng.pick(actor.addresses),
    userAgent: rng.pick(actor.userAgents),
    ok: !rng.chance(actor.failRate),
    errorCode: actor.kind === 'human' && rng.chance(0.5) ? '50074' : undefined,
  };
}

/** A CI deploy run: AssumeRole with the pipeline's long-lived key, then the deploy as the role. */
function ciRun(actor: Actor, start: number, steps: number, rng: Rng, out: Activity[]): void {
  const role = actor.assumes!.role;
  const ip = rng.pick(actor.addresses);
  out.push(assumeRole(actor, role.arn, role.principalId, role.sessionName ?? 'ci', start, ip, actor.userAgents[0]));
  const session = { ...role, sessionName: `${role.sessionName}-${rng.int(1e9)}` };
  for (let k = 0; k < steps; k++) {
    const target = rng.pick(actor.assumes!.targets);
    const { action, service } = pickAction(target, rng);
    out.push({ ts: start + 5_000 + rng.int(300_000), actor, aws: session, target, action, service, ip, userAgent: actor.userAgents[0], ok: true });
  }
}

export function assumeRole(
  actor: Actor,
  roleArn: string,
  roleId: string,
  sessionName: string,
  ts: number,
  ip: string,
  userAgent: string,
  story?: string,
): Activity {
  const target: Target = {
    key: roleArn,
    name: roleArn.slice(roleArn.lastIndexOf('/') + 1),
    kind: 'account',
    platform: 'aws',
    privilege: 1,
    accountId: roleArn.split(':')[4],
  };
  return {
    ts,
    actor,
    target,
    action: 'AssumeRole',
    service: 'sts',
    ip,
    userAgent,
    ok: true,
    story,
    request: { roleSessionName: sessionName, roleId },
  };
}
