/** Wall-clock ↔ UTC in IANA zones with Intl only (no tz library), cached because the generator calls it a lot. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at the instant `utcMs`, in ms (Paris in winter: +3,600,000). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  // Every zone we use changes offset on a whole UTC quarter hour, so caching per quarter hour is exact.
  const bucket = Math.floor(utcMs / 900_000);
  let perZone = offsetCache.get(zone);
  if (!perZone) offsetCache.set(zone, (perZone = new Map<number, number>()));
  const hit = perZone.get(bucket);
  if (hit !== undefined) return hit;
  const parts = formatter(zone).formatToParts(new Date(bucket * 900_000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  const offset = asUtc - bucket * 900_000;
  if (perZone.size > 100_000) perZone.clear();
  perZone.set(bucket, offset);
  return offset;
}

/**
 * The UTC instant of a wall-clock time in `zone` (month 1..12). An ambiguous time (clocks going back)
 * is the first occurrence; a skipped time (clocks going forward) moves forward by the gap, as Windows does.
 */
export function zonedToUtc(zone: string, y: number, month: number, d: number, h: number, mi: number): number {
  const wall = Date.UTC(y, month - 1, d, h, mi);
  const before = wall - zoneOffsetMs(zone, wall - 14 * 3_600_000);
  const after = wall - zoneOffsetMs(zone, wall + 14 * 3_600_000);
  const valid = [before, after].filter((u) => u + zoneOffsetMs(zone, u) === wall);
  return valid.length > 0 ? Math.min(...valid) : Math.max(before, after);
}

/** Local calendar date (y, month 1..12, day, weekday 0=Sunday) of an instant in `zone`. */
export function localDate(
  zone: string,
  utcMs: number,
): { y: number; month: number; d: number; weekday: number } {
  const local = new Date(utcMs + zoneOffsetMs(zone, utcMs));
  return {
    y: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    weekday: local.getUTCDay(),
  };
}

/** UTC instants where `zone`'s offset changes within [fromMs, toMs] (found by hourly scan + bisection). */
export function offsetChanges(zone: string, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const step = 3_600_000 * 6;
  let prev = zoneOffsetMs(zone, fromMs);
  for (let t = fromMs + step; t <= toMs + step; t += step) {
    const cur = zoneOffsetMs(zone, t);
    if (cur !== prev) {
      let lo = t - step;
      let hi = t;
      while (hi - lo > 900_000) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMs(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      // Offsets are constant within a quarter-hour bucket, so the change starts at hi's bucket.
      out.push(Math.floor(hi / 900_000) * 900_000);
      prev = cur;
    }
  }
  return out;
}
