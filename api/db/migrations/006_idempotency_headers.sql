-- A replayed answer gives back the first one's headers too (Location of what was created, its type).
alter table idempotency_keys add column headers jsonb;
