-- Foundation: people (from the intranet's identity), spaces and their members, idempotent writes.

create extension if not exists unaccent schema public;

create table people (
  id uuid primary key default gen_random_uuid(),
  -- the intranet's identifier for the person (token `sub`, or the trusted header's value)
  external_id text not null unique,
  name text not null,
  email text,
  dept text,
  title text,
  lang text check (lang in ('fr', 'en')),
  is_admin boolean not null default false,
  is_guest boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_name_idx on people (lower(name));

create table spaces (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null,
  description text not null default '',
  visibility text not null check (visibility in ('open', 'closed', 'secret')),
  lang text not null check (lang in ('fr', 'en')),
  -- Q&A promise: questions in this space are answered within so many hours (null: no promise)
  answer_promise_hours int check (answer_promise_hours between 1 and 8760),
  is_default boolean not null default false,
  created_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index spaces_one_default on spaces (is_default) where is_default;

create table memberships (
  space_id uuid not null references spaces (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  role text not null check (role in ('member', 'steward')),
  -- 'requested': asked to join a closed space, waiting for a steward
  status text not null default 'active' check (status in ('active', 'requested')),
  added_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (space_id, person_id)
);
create index memberships_person_idx on memberships (person_id);

-- A write retried with the same Idempotency-Key returns the first answer instead of writing twice.
create table idempotency_keys (
  person_id uuid not null references people (id) on delete cascade,
  key text not null,
  fingerprint text not null,
  status int,
  body text,
  created_at timestamptz not null default now(),
  primary key (person_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

-- Server-side settings that must outlive a restart (e.g. the demo mode's signing secret).
create table ruche_settings (
  key text primary key,
  value text not null
);

insert into spaces (slug, name, description, visibility, lang, answer_promise_hours, is_default)
values ('general', 'Général', 'L''espace de tous les collaborateurs.', 'open', 'fr', 48, true);
