/** The load shapes. Every room has `clientsPerRoom` clients, the first `writersPerRoom` of them typing. */
export interface Scenario {
  id: string;
  title: string;
  rooms: number;
  clientsPerRoom: number;
  writersPerRoom: number;
  /** Per writer: one insert of a few characters every `intervalMs`. */
  intervalMs: number;
  /** Published numbers for orientation, printed under the table. */
  reference?: string;
}

const FULL: Scenario[] = [
  {
    id: "1w1r",
    title: "1 writer + 1 reader",
    rooms: 1,
    clientsPerRoom: 2,
    writersPerRoom: 1,
    intervalMs: 100,
    reference: "published Redis-backed Yjs server, single writer: p50 2.8 ms, p95 4.4 ms",
  },
  {
    id: "200w",
    title: "200 writers in one room",
    rooms: 1,
    clientsPerRoom: 200,
    writersPerRoom: 200,
    // 100 edits/s in, ~20,000 deliveries/s out: about what one core of load generator can apply
    // (~50 µs per delivery in y-websocket + Yjs). At 100 ms (~400,000 deliveries/s) the clients,
    // not the servers, would be measured. Override with --interval 200w=<ms>.
    intervalMs: 2_000,
  },
  { id: "100x10", title: "100 rooms × 10 clients, 1 writer per room", rooms: 100, clientsPerRoom: 10, writersPerRoom: 1, intervalMs: 100 },
  {
    id: "1500obs",
    title: "1,500 observers of one room, 1 writer",
    rooms: 1,
    clientsPerRoom: 1_501,
    writersPerRoom: 1,
    intervalMs: 100,
    reference: "published Redis-backed Yjs server, 1,500 observers: p99 44 ms",
  },
];

/** --quick: the same shapes, smaller, for a smoke check. */
const QUICK_SIZES: Record<string, Partial<Scenario>> = {
  "200w": { clientsPerRoom: 40, writersPerRoom: 40 },
  "100x10": { rooms: 10 },
  "1500obs": { clientsPerRoom: 201 },
};

const SCENARIO_IDS = FULL.map((s) => s.id);

/** Interval overrides: for every scenario (`all`) and/or per scenario id. */
export interface IntervalOverrides {
  all?: number;
  byId: Record<string, number>;
}

export function selectScenarios(ids: string[] | null, quick: boolean, intervals: IntervalOverrides): Scenario[] {
  const unknown = [...(ids ?? []), ...Object.keys(intervals.byId)].filter((id) => !SCENARIO_IDS.includes(id));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(", ")} (known: ${SCENARIO_IDS.join(", ")})`);
  return FULL.filter((s) => !ids || ids.includes(s.id)).map((s) => {
    const sized = quick ? { ...s, ...QUICK_SIZES[s.id] } : { ...s };
    sized.intervalMs = intervals.byId[s.id] ?? intervals.all ?? sized.intervalMs;
    return sized;
  });
}

export function describe(s: Scenario): string {
  const writers = s.rooms * s.writersPerRoom;
  const rate = (writers * 1000) / s.intervalMs;
  const fanout = rate * (s.clientsPerRoom - 1);
  return (
    `${s.rooms} room(s) × ${s.clientsPerRoom} clients, ${writers} writer(s), 1 insert / ${s.intervalMs} ms each ` +
    `(${fmt(rate)} edits/s in, ${fmt(fanout)} deliveries/s expected)`
  );
}

function fmt(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : String(Math.round(n));
}
