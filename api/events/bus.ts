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
 *
 * Events about comments name the comment; what it says is read as the event goes out, live and on
 * replay alike, by a reader the comments feature registers (readAsSent, ../comments/live.ts), so the
 * table never keeps a comment's words and the bus knows no feature.
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

/** Completes events as they go out (e.g. with a comment as it is now); may drop some. */
export type OutgoingReader = (db: Db, rows: readonly LiveEventRow[]) => Promise<LiveEventRow[]>;

/** The most a replay carries: beyond, the client is told to read its subjects again. */
export const REPLAY_LIMIT = 1000;

const topic = (spaceId: string, key: string) => `${spaceId}\n${key}`;

export class LiveBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Set<string>();
  private lastSeen: Date | null = null;
  private listenConnection: Pool | null = null;
  private pending = new Set<string>();
  private flushing: Promise<void> | null = null;
  private readonly streams = new Set<() => void>();
  private readonly readers = new Set<OutgoingReader>();
  /** One channel per schema, so that test runs sharing a database do not hear each other. */
  private readonly channel: string;
  /** Whose inbox changed: person ids, for the bells open in any process. */
  private readonly inboxChannel: string;
  private readonly inboxListeners = new Map<string, Set<() => void>>();

  constructor(private readonly database: Database) {
    this.channel = database.schema === 'public' ? 'ruche_events' : `ruche_events_${database.schema}`;
    this.inboxChannel = `${this.channel}_inbox`;
  }

  /** Starts listening across processes (PostgreSQL only). */
  async start(): Promise<void> {
    if (!this.database.shared) return;
    // A listening connection lost before any event arrived is caught up from now (the database's clock).
    const [clock] = await this.database.sql<{ now: Date }[]>`select now()`;
    this.lastSeen ??= clock!.now;
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
    // Pokes missed while the connection was down cannot be told apart: every open bell reads again.
    let firstInbox = true;
    await this.listenConnection.listen(
      this.inboxChannel,
      (ids) => this.deliverInboxes(ids.split(',')),
      () => {
        if (!firstInbox) this.deliverInboxes([...this.inboxListeners.keys()]);
        firstInbox = false;
      },
    );
  }

  /**
   * Tells the open bells of these people that their inbox changed, once the caller's transaction has
   * committed. Nothing is kept: a bell that reconnects reads its count again.
   */
  async pokeInboxes(db: Db, afterCommit: (() => void)[], personIds: readonly string[]): Promise<void> {
    if (personIds.length === 0) return;
    if (!this.database.shared) {
      afterCommit.push(() => this.deliverInboxes(personIds));
      return;
    }
    // A notification's payload is at most 8000 bytes: 200 ids fit.
    for (let i = 0; i < personIds.length; i += 200) await db`select pg_notify(${this.inboxChannel}, ${personIds.slice(i, i + 200).join(',')})`;
  }

  subscribeInbox(personId: string, listener: () => void): () => void {
    let set = this.inboxListeners.get(personId);
    if (!set) this.inboxListeners.set(personId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.inboxListeners.delete(personId);
    };
  }

  private deliverInboxes(personIds: readonly string[]): void {
    for (const id of personIds) for (const listener of [...(this.inboxListeners.get(id) ?? [])]) listener();
  }

  async stop(): Promise<void> {
    for (const close of this.streams) close();
    this.streams.clear();
    await this.listenConnection?.end({ timeout: 1 });
  }

  /** A feature registers how its events are completed as they go out (once: a Set). */
  readAsSent(reader: OutgoingReader): void {
    this.readers.add(reader);
  }

  private async asSent(db: Db, rows: readonly LiveEventRow[]): Promise<LiveEventRow[]> {
    let out = [...rows];
    for (const reader of this.readers) out = await reader(db, out);
    return out;
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
    else afterCommit.push(() => this.deliverCurrent([row!]));
  }

  /**
   * Where a client starts its stream for a space it just read: the space's newest event (by index),
   * '0' while it has none. Every subject of a page then starts from about now — a quiet thread never
   * drags its page's stream back to its own last event, days ago — and the figure tells a reader
   * nothing of other spaces.
   */
  async lastEventId(db: Db, spaceId: string): Promise<string> {
    const [latest] = await db<{ id: string }[]>`select coalesce(max(id), 0)::text as id from events where space_id = ${spaceId}`;
    return latest!.id;
  }

  /**
   * Events about these subjects since the given one, for a client that reconnects, with their
   * comments as they are now; null when what was missed cannot be told — the id is no longer kept
   * (events are kept 7 days) or was never given, or more happened than one replay carries — and the
   * client must read its subjects again.
   */
  async since(db: Db, spaceId: string, keys: readonly string[], lastEventId: string): Promise<LiveEventRow[] | null> {
    // By the subjects' ids, which events are indexed on.
    const subjects = (await db<{ id: string }[]>`select id from subjects where space_id = ${spaceId} and key = any(${keys as string[]})`).map((s) => s.id);
    let rows: LiveEventRow[];
    if (lastEventId === '0') {
      // The client read its subjects before any event of the space: everything about them is new.
      if (!subjects.length) return [];
      rows = await db<LiveEventRow[]>`
        select id::text as id, space_id, type, payload, created_at from events
         where subject_id = any(${subjects}::uuid[])
         order by id limit ${REPLAY_LIMIT + 1}`;
    } else {
      const [seen] = await db<{ createdAt: Date }[]>`select created_at from events where id = ${lastEventId}`;
      // Nothing is known about subjects nobody wrote on: nothing was missed.
      if (!subjects.length) return [];
      if (!seen) return null;
      // Identities are handed out in the order transactions start, not the order they commit, so a
      // later id can become visible before an earlier one: replay a few seconds before the last event
      // seen as well. Clients apply events idempotently, keeping each comment's newest version.
      rows = await db<LiveEventRow[]>`
        select id::text as id, space_id, type, payload, created_at from events
         where subject_id = any(${subjects}::uuid[])
           and created_at >= ${seen.createdAt}::timestamptz - interval '5 seconds'
           and id <> ${lastEventId}
         order by id limit ${REPLAY_LIMIT + 1}`;
    }
    return rows.length > REPLAY_LIMIT ? null : this.asSent(db, rows);
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
      this.deliver(await this.asSent(this.database.sql, rows));
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
      this.deliver(await this.asSent(this.database.sql, rows));
    } catch (error) {
      console.error('[ruche] could not catch up on live events', error);
    }
  }

  /** The embedded database's delivery, after commit: the rows with their comments as they are now. */
  private async deliverCurrent(rows: readonly LiveEventRow[]): Promise<void> {
    try {
      this.deliver(await this.asSent(this.database.sql, rows));
    } catch (error) {
      console.error('[ruche] could not send live events', error);
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
