import type { Database, Db, Pool } from '../db/database.ts';

/**
 * Live events. Every change worth showing live is written to the `events` table inside the
 * transaction that makes the change, so an event exists exactly when its change does, and a client
 * that reconnects can catch up from the table. Delivery to the open streams of this process:
 *
 * - on PostgreSQL, the transaction also NOTIFYs `ruche_events` with the event's id (delivered by
 *   PostgreSQL at commit, to every API process LISTENing); each process reads the rows it is told
 *   about, once, and hands them to its subscribers. So events cross processes behind a load balancer.
 * - on the embedded database, only this process can hold the data (the folder lock), so events are
 *   handed over in memory once the transaction has committed.
 */
export interface LiveEventRow {
  id: string;
  spaceId: string;
  type: string;
  /** Always carries `subject`, the subject's key, which subscribers listen on. */
  payload: { subject: string } & Record<string, unknown>;
  createdAt: Date;
}

export type Listener = (event: LiveEventRow) => void;

const topic = (spaceId: string, key: string) => `${spaceId}\n${key}`;

export class LiveBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Set<string>();
  private lastSeen: Date | null = null;
  private listenConnection: Pool | null = null;
  private pending = new Set<string>();
  private flushing: Promise<void> | null = null;
  private readonly streams = new Set<() => void>();
  /** One channel per schema, so that test runs sharing a database do not hear each other. */
  private readonly channel: string;

  constructor(private readonly database: Database) {
    this.channel = database.schema === 'public' ? 'ruche_events' : `ruche_events_${database.schema}`;
  }

  /** Starts listening across processes (PostgreSQL only). */
  async start(): Promise<void> {
    if (!this.database.shared) return;
    this.listenConnection = this.database.connect({ max: 1, idle_timeout: 0 });
    let first = true;
    await this.listenConnection.listen(
      this.channel,
      (id) => this.enqueue(id),
      () => {
        // Called again after the listening connection was lost and re-established: read what was
        // written meanwhile, since no notification reached us for it.
        if (!first) void this.catchUpAfterReconnect();
        first = false;
      },
    );
  }

  async stop(): Promise<void> {
    for (const close of this.streams) close();
    this.streams.clear();
    await this.listenConnection?.end({ timeout: 1 });
  }

  /** Open streams register here, so that shutdown can end them instead of waiting for them. */
  trackStream(close: () => void): () => void {
    this.streams.add(close);
    return () => this.streams.delete(close);
  }

  subscribe(spaceId: string, keys: readonly string[], listener: Listener): () => void {
    for (const key of keys) {
      const t = topic(spaceId, key);
      let set = this.listeners.get(t);
      if (!set) this.listeners.set(t, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const key of keys) {
        const t = topic(spaceId, key);
        const set = this.listeners.get(t);
        set?.delete(listener);
        if (set?.size === 0) this.listeners.delete(t);
      }
    };
  }

  /**
   * Records an event in the caller's transaction. `afterCommit` receives the in-memory delivery to
   * run once the transaction has committed (embedded database); on PostgreSQL, NOTIFY does that.
   */
  async record(
    db: Db,
    afterCommit: (() => void)[],
    event: { spaceId: string; subjectId: string | null; type: string; payload: { subject: string } & Record<string, unknown> },
  ): Promise<void> {
    const [row] = await db<LiveEventRow[]>`
      insert into events (space_id, subject_id, type, payload)
      values (${event.spaceId}, ${event.subjectId}, ${event.type}, ${db.json(event.payload as never)})
      returning id::text as id, space_id, type, payload, created_at`;
    if (this.database.shared) await db`select pg_notify(${this.channel}, ${row!.id})`;
    else afterCommit.push(() => this.deliver([row!]));
  }

  /** The newest event about a subject ('0' when there is none), for clients to start their stream from. */
  async lastEventId(db: Db, subjectId: string): Promise<string> {
    const [row] = await db<{ id: string }[]>`select coalesce(max(id), 0)::text as id from events where subject_id = ${subjectId}`;
    return row!.id;
  }

  /** Events about these subjects since the given one (for a client that reconnects). */
  async since(db: Db, spaceId: string, keys: readonly string[], lastEventId: string): Promise<LiveEventRow[]> {
    if (lastEventId === '0') {
      // The client read its subjects before any event about them: everything about them is new.
      return db<LiveEventRow[]>`
        select e.id::text as id, e.space_id, e.type, e.payload, e.created_at from events e
         where e.space_id = ${spaceId} and e.payload->>'subject' = any(${keys as string[]})
         order by e.id limit 1000`;
    }
    // Identities are handed out in the order transactions start, not the order they commit, so a
    // later id can become visible before an earlier one: replay a few seconds before the last event
    // seen as well. Clients apply events idempotently.
    return db<LiveEventRow[]>`
      select e.id::text as id, e.space_id, e.type, e.payload, e.created_at
        from events e
       where e.space_id = ${spaceId}
         and e.payload->>'subject' = any(${keys as string[]})
         and e.created_at >= (select created_at - interval '5 seconds' from events where id = ${lastEventId})
         and e.id <> ${lastEventId}
       order by e.id
       limit 1000`;
  }

  private enqueue(id: string) {
    this.pending.add(id);
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const ids = [...this.pending];
    this.pending.clear();
    try {
      const rows = await this.database.sql<LiveEventRow[]>`
        select id::text as id, space_id, type, payload, created_at from events where id = any(${ids}::bigint[]) order by id`;
      this.deliver(rows);
    } catch (error) {
      console.error('[ruche] could not read live events', ids, error);
    } finally {
      this.flushing = null;
      if (this.pending.size) this.enqueue([...this.pending][0]!);
    }
  }

  private async catchUpAfterReconnect(): Promise<void> {
    if (!this.lastSeen) return;
    try {
      const rows = await this.database.sql<LiveEventRow[]>`
        select id::text as id, space_id, type, payload, created_at from events
         where created_at >= ${this.lastSeen}::timestamptz - interval '5 seconds' order by id limit 10000`;
      this.deliver(rows);
    } catch (error) {
      console.error('[ruche] could not catch up on live events', error);
    }
  }

  private deliver(rows: readonly LiveEventRow[]) {
    for (const row of rows) {
      if (this.delivered.has(row.id)) continue;
      this.delivered.add(row.id);
      if (this.delivered.size > 20_000) {
        // Forget the oldest half; a duplicate after that long is harmless (clients are idempotent).
        let n = 0;
        for (const id of this.delivered) if (n++ < 10_000) this.delivered.delete(id);
      }
      if (!this.lastSeen || row.createdAt > this.lastSeen) this.lastSeen = row.createdAt;
      const listeners = this.listeners.get(topic(row.spaceId, row.payload.subject));
      if (listeners) for (const listener of [...listeners]) listener(row);
    }
  }
}
