-- One inbox per person. The authors' notices of 005 (what stewards did to one's post) become one
-- kind among the others: replies, answers, mentions, questions routed to an expert, idea news,
-- endorsements, new threads in a followed space.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in (
  'post_hidden', 'post_restored', 'post_approved', 'post_rejected', 'post_edited',
  'reply', 'answer', 'answer_accepted', 'mention',
  'question_routed', 'question_reminder', 'question_overdue',
  'idea_status', 'idea_merged', 'endorsement', 'new_thread'));
alter table notifications drop constraint notifications_target_kind_check;
alter table notifications add constraint notifications_target_kind_check
  check (target_kind in ('comment', 'idea', 'skill'));
-- A notice about one's profile (an endorsement) is in no space.
alter table notifications alter column space_id drop not null;
alter table notifications add constraint notifications_space_check check (space_id is not null or target_kind = 'skill');
-- The person who acted last (null for a steward's move, who is never named to the author).
alter table notifications add column actor_id uuid references people (id) on delete set null;
create index notifications_actor_idx on notifications (actor_id);
-- Events on one thing while the notice is unread are one notice: how many, and when the last came.
alter table notifications add column event_count int not null default 1 check (event_count >= 1);
alter table notifications add column updated_at timestamptz;
update notifications set updated_at = created_at;
alter table notifications alter column updated_at set not null;
alter table notifications alter column updated_at set default now();
-- What the notice groups on (its kind and the thing it is about); one unread notice per group.
alter table notifications add column group_key text;
update notifications set group_key = kind || ':' || target_id;
alter table notifications alter column group_key set not null;
create unique index notifications_unread_group_idx on notifications (person_id, group_key) where read_at is null;
-- The kind's own detail: an idea's new status, the idea it was merged into, why a question was routed.
alter table notifications add column detail jsonb not null default '{}';
drop index notifications_person_idx;
create index notifications_person_idx on notifications (person_id, updated_at desc, id);
-- Retention purges by the latest event.
drop index notifications_created_idx;
create index notifications_updated_idx on notifications (updated_at);

-- What a person follows: a thread (its top-level comment, a question), an idea, a space; gone with it.
-- A muted thread tells them nothing, not even replies to them.
create table follows (
  person_id uuid not null references people (id) on delete cascade,
  thread_id uuid references comments (id) on delete cascade,
  idea_id uuid references ideas (id) on delete cascade,
  space_id uuid references spaces (id) on delete cascade,
  muted boolean not null default false,
  created_at timestamptz not null default now(),
  check (num_nonnulls(thread_id, idea_id, space_id) = 1)
);
create unique index follows_thread_idx on follows (thread_id, person_id) where thread_id is not null;
create unique index follows_idea_idx on follows (idea_id, person_id) where idea_id is not null;
create unique index follows_space_idx on follows (space_id, person_id) where space_id is not null;
create index follows_person_idx on follows (person_id);

-- The experts asked are reminded once half of a question's answer time has passed.
alter table expert_questions add column reminded_at timestamptz;
