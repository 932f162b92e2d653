-- A comment page starts its live stream from its space's newest event: found by this index.
create index if not exists events_space_idx on events (space_id, id);
