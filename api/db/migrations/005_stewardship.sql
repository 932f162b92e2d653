-- Stewardship, the engagement pulse and privacy: each space's moderation settings, reports on ideas,
-- the stewards' actions (an audit log), what authors are told, reading recorded as daily counts, and
-- each person's privacy choices. api/privacy/WHAT-WE-RECORD.md says in plain words what is kept and
-- for how long.

-- Per space: pre-moderation and the word list. No row: the defaults (nothing held, no words).
create table space_moderation (
  space_id uuid primary key references spaces (id) on delete cascade,
  -- off: everything is published at once; guests: posts by guests (and every anonymous idea, so that
  -- a held anonymous idea does not say its author is a guest) wait for a steward; everyone: all posts
  -- but the stewards' own wait
  premoderation text not null default 'off' check (premoderation in ('off', 'guests', 'everyone')),
  -- words and phrases as the stewards typed them; matched whole-word, ignoring case and accents
  words text[] not null default '{}' check (cardinality(words) <= 500),
  -- when someone erases their account, their posts in this space stay (as a former colleague's)
  -- even if they asked for them to be deleted
  keep_posts_on_erasure boolean not null default false,
  updated_by uuid references people (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- Why a post waits (set when it is held), and the stewards' word when it was hidden or refused.
alter table comments
  add column held_for text check (held_for in ('premoderation', 'word')),
  add column held_word text,
  add column moderation_reason text,
  add column moderated_at timestamptz;
create index comments_pending_idx on comments (space_id, created_at) where status = 'pending';
-- The pulse reads a space's contributions by time.
create index comments_space_created_idx on comments (space_id, created_at);

-- Ideas: the workflow status (new, planned…) says what the stewards decided about the idea; this
-- says whether it may be read at all.
alter table ideas
  add column moderation text not null default 'published' check (moderation in ('published', 'pending', 'hidden')),
  add column held_for text check (held_for in ('premoderation', 'word')),
  add column held_word text,
  add column moderation_reason text,
  add column moderated_at timestamptz;
create index ideas_moderation_idx on ideas (space_id, created_at) where moderation <> 'published';

-- Reports on ideas, as comment_reports are on comments.
create table idea_reports (
  id uuid primary key default gen_random_uuid(),
  idea_id uuid not null references ideas (id) on delete cascade,
  reporter_id uuid references people (id) on delete set null,
  reason text not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references people (id) on delete set null,
  resolution text check (resolution in ('hidden', 'dismissed', 'restored')),
  unique (idea_id, reporter_id)
);
create index idea_reports_open_idx on idea_reports (idea_id) where resolved_at is null;

-- Every steward action: who, what, why, when. Read by the space's stewards.
create table moderation_actions (
  id bigint generated always as identity primary key,
  space_id uuid not null references spaces (id) on delete cascade,
  target_kind text not null check (target_kind in ('comment', 'idea', 'settings')),
  target_id uuid,
  action text not null check (action in ('hide', 'restore', 'dismiss', 'approve', 'reject', 'settings')),
  reason text,
  -- for settings: what changed
  details jsonb,
  actor_id uuid references people (id) on delete set null,
  created_at timestamptz not null default now()
);
create index moderation_actions_space_idx on moderation_actions (space_id, id desc);
create index moderation_actions_created_idx on moderation_actions (created_at);

-- What a person is told about their own posts (hidden, restored, approved, refused), and why.
-- Never who did it: the audit log tells the stewards that.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  kind text not null check (kind in ('post_hidden', 'post_restored', 'post_approved', 'post_rejected')),
  space_id uuid not null references spaces (id) on delete cascade,
  target_kind text not null check (target_kind in ('comment', 'idea')),
  target_id uuid not null,
  reason text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_person_idx on notifications (person_id, created_at desc, id);
create index notifications_created_idx on notifications (created_at);

-- Reading, as daily counts. For the current day only: a random key, and for each reader a mark
-- HMAC-SHA256(key, scope:person id) so that a person is counted once per space (and once for the
-- whole site) per day. When the day is over its marks and its key are deleted; only the counts stay.
-- A null space_id is the whole site.
create table reading_keys (
  day date primary key,
  key bytea not null
);
create table reading_marks (
  space_id uuid references spaces (id) on delete cascade,
  day date not null,
  mark bytea not null,
  unique nulls not distinct (space_id, day, mark)
);
create table reading_days (
  space_id uuid references spaces (id) on delete cascade,
  day date not null,
  readers int not null default 0 check (readers >= 0),
  unique nulls not distinct (space_id, day)
);

-- A person's privacy choices. No row: the defaults (not listed among the most active contributors).
create table privacy_settings (
  person_id uuid primary key references people (id) on delete cascade,
  show_in_top_contributors boolean not null default false,
  updated_at timestamptz not null default now()
);
