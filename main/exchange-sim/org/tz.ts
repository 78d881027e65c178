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

const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Offsets at span boundaries, per zone and span length: `${zone} ${span}` → span index → offset. */
const boundaries = new Map<string, Map<number, number>>();

/** What Intl says the offset is at the start of a quarter-hour bucket (the costly call). */
function bucketOffset(zone: string, bucket: number): number {
  const parts = formatter(zone).formatToParts(new Date(bucket * QUARTER_MS));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return asUtc - bucket * QUARTER_MS;
}

/** The offset at the start of span `index` (spans of `spanMs` from the epoch), asked once. */
function boundaryOffset(zone: string, spanMs: number, index: number): number {
  const k = `${zone} ${spanMs}`;
  let known = boundaries.get(k);
  if (!known) boundaries.set(k, (known = new Map<number, number>()));
  let offset = known.get(index);
  if (offset === undefined) {
    if (known.size > 100_000) known.clear();
    offset = bucketOffset(zone, (index * spanMs) / QUARTER_MS);
    known.set(index, offset);
  }
  return offset;
}

/** Offset of `zone` from UTC at the instant `utcMs`, in ms (Paris in winter: +3,600,000). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  // No zone changes offset twice in a week: a UTC week (then a day) that starts and ends on the
  // same offset has it throughout, so most instants cost no Intl call, a new week one.
  for (const spanMs of [WEEK_MS, DAY_MS]) {
    const index = Math.floor(utcMs / spanMs);
    const start = boundaryOffset(zone, spanMs, index);
    if (start === boundaryOffset(zone, spanMs, index + 1)) return start;
  }
  // The day of a change: every zone we use changes offset on a whole UTC quarter hour, so caching
  // per quarter hour is exact.
  const bucket = Math.floor(utcMs / QUARTER_MS);
  let perZone = offsetCache.get(zone);
  if (!perZone) offsetCache.set(zone, (perZone = new Map<number, number>()));
  const hit = perZone.get(bucket);
  if (hit !== undefined) return hit;
  const offset = bucketOffset(zone, bucket);
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

/**
 * UTC instants where `zone`'s offset changes within [fromMs, toMs], found by a weekly scan (no zone
 * changes twice in a week) and bisection, asking Intl directly (the steps are not on the cache's
 * week boundaries).
 */
export function offsetChanges(zone: string, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const at = (ms: number): number => bucketOffset(zone, Math.floor(ms / QUARTER_MS));
  const step = WEEK_MS;
  let prev = at(fromMs);
  for (let t = fromMs + step; t <= toMs + step; t += step) {
    const cur = at(t);
    if (cur !== prev) {
      let lo = t - step;
      let hi = t;
      while (hi - lo > QUARTER_MS) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === prev) lo = mid;
        else hi = mid;
      }
      // Offsets are constant within a quarter-hour bucket, so the change starts at hi's bucket.
      out.push(Math.floor(hi / QUARTER_MS) * QUARTER_MS);
      prev = cur;
    }
  }
  return out;
}
