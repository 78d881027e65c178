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
/** Per zone and UTC day: the day's one offset, or null when the offset changes that day. */
const dayCache = new Map<string, Map<number, number | null>>();

/** What Intl says the offset is at the start of a quarter-hour bucket (the costly call). */
function bucketOffset(zone: string, bucket: number): number {
  const parts = formatter(zone).formatToParts(new Date(bucket * QUARTER_MS));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return asUtc - bucket * QUARTER_MS;
}

/** Offset of `zone` from UTC at the instant `utcMs`, in ms (Paris in winter: +3,600,000). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  // A zone changes offset at most once a day: a UTC day with the same offset at its first and last
  // quarter hour has it all day, so most days cost two Intl calls whatever times are asked.
  const day = Math.floor(utcMs / DAY_MS);
  let days = dayCache.get(zone);
  if (!days) dayCache.set(zone, (days = new Map<number, number | null>()));
  let whole = days.get(day);
  if (whole === undefined) {
    const first = bucketOffset(zone, (day * DAY_MS) / QUARTER_MS);
    const last = bucketOffset(zone, ((day + 1) * DAY_MS) / QUARTER_MS - 1);
    whole = first === last ? first : null;
    if (days.size > 100_000) days.clear();
    days.set(day, whole);
  }
  if (whole !== null) return whole;
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
