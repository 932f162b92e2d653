-- Live events name the comment they are about; its words and author are read when the event is sent
-- (api/comments/live.ts), so a comment hidden, deleted or erased later cannot be read back from them.
update events
   set payload = jsonb_set(payload, '{comment}', jsonb_build_object('id', payload->'comment'->'id'))
 where type like 'comment.%' and payload ? 'comment';
update events
   set payload = payload || jsonb_build_object('comment', jsonb_build_object('id', payload->'questionId'))
 where type = 'comment.accepted';

-- A version per comment, moved by every change to it, so that a reader can tell an older state of a
-- comment from a newer one whatever order events arrive in (event ids follow transaction starts, not
-- commits).
alter table comments add column version int not null default 1;
create function ruche_bump_version() returns trigger language plpgsql as $$
begin
  new.version := old.version + 1;
  return new;
end $$;
create trigger comments_version before update on comments for each row execute function ruche_bump_version();

-- A subject's mode is decided by its first top-level comment (a like or a reply does not decide it):
-- unset until then. Subjects that a like created as discussions, with no top-level comment, are unset.
alter table subjects alter column mode drop default, alter column mode drop not null;
update subjects s set mode = null
 where s.mode = 'discussion' and not exists (select 1 from comments c where c.subject_id = s.id and c.parent_id is null);
