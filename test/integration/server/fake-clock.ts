import type { Clock } from '../../../src-server/clock';

/** A clock the test moves by hand: time-limit rules are tested without sleeping. */
export class FakeClock implements Clock {
  private t: number;

  constructor(start: Date | string = '2026-03-02T13:00:00.000Z') {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  advanceMinutes(minutes: number): void {
    this.t += minutes * 60_000;
  }

  advanceSeconds(seconds: number): void {
    this.t += seconds * 1000;
  }

  advanceHours(hours: number): void {
    this.advanceMinutes(hours * 60);
  }
}
