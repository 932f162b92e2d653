-- Stewardship and the pulse, amended: a steward's edit of someone else's idea is an audited action its
-- author is told of; "news on your ideas" is marked seen per space (a widget shows one space's news);
-- the day's reading key is no longer kept in the database (api/pulse/reading.ts derives it from a
-- secret kept outside it).

alter table moderation_actions drop constraint moderation_actions_action_check;
alter table moderation_actions add constraint moderation_actions_action_check
  check (action in ('hide', 'restore', 'dismiss', 'approve', 'reject', 'settings', 'edit'));

alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('post_hidden', 'post_restored', 'post_approved', 'post_rejected', 'post_edited'));

-- What each person last marked as seen in one space's news (idea_news_seen: in all of them).
create table idea_news_seen_spaces (
  person_id uuid not null references people (id) on delete cascade,
  space_id uuid not null references spaces (id) on delete cascade,
  seen_at timestamptz not null,
  primary key (person_id, space_id)
);

drop table reading_keys;
