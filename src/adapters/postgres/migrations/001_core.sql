-- Core records: people, messages in and out, check-ins, notes for peers.
-- Times are timestamptz (UTC on the wire); local wall times are text "HH:mm" with the
-- person's IANA zone beside them, because a local time means nothing without its zone.

create table peers (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  time_zone text not null,
  working_hours jsonb not null default '[]'::jsonb,
  off_dates jsonb not null default '[]'::jsonb,
  slack_user_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table participants (
  id uuid primary key default gen_random_uuid(),
  first_name text not null,
  phone text not null unique,
  time_zone text not null,
  language text not null check (language in ('en', 'es')),
  peer_id uuid references peers(id),
  daily_checkin_time text,
  nightly_checkin_time text,
  send_window_start text not null default '08:00',
  send_window_end text not null default '21:00',
  -- status is the program's decision; consent is the parent's (double opt-in, STOP/START).
  status text not null default 'active' check (status in ('active', 'paused', 'discharged')),
  consent text not null default 'pending' check (consent in ('pending', 'opted_in', 'opted_out')),
  consent_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index participants_peer on participants (peer_id);

create table inbound_messages (
  id uuid primary key default gen_random_uuid(),
  message_sid text not null unique,
  from_phone text not null,
  to_phone text not null,
  body text not null,
  participant_id uuid references participants(id),
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  outcome text
);
create index inbound_unprocessed on inbound_messages (received_at) where processed_at is null;
create index inbound_participant on inbound_messages (participant_id, received_at);

create table outbound_messages (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique,
  to_phone text not null,
  body text not null,
  kind text not null,
  priority text not null default 'routine' check (priority in ('routine', 'reply', 'crisis')),
  participant_id uuid references participants(id),
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed', 'skipped', 'unknown')),
  provider_sid text unique,
  error_code text,
  attempts integer not null default 0,
  not_after timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbound_queued on outbound_messages (created_at) where status = 'queued';
create index outbound_to on outbound_messages (to_phone, created_at);

create table checkins (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  kind text not null check (kind in ('daily', 'nightly')),
  local_date text not null,
  due_at timestamptz not null,
  status text not null check (status in ('awaiting', 'answered', 'missed', 'skipped')),
  skip_reason text,
  score integer check (score between 1 and 5),
  reply_message_id uuid references inbound_messages(id),
  window_closes_at timestamptz,
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  unique (participant_id, kind, local_date)
);
create index checkins_awaiting on checkins (participant_id, due_at) where status = 'awaiting';

create table peer_notifications (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique,
  peer_id uuid references peers(id),
  participant_id uuid references participants(id),
  kind text not null,
  -- What the peer reads. Kept to what the peer needs; channels may redact further.
  summary text not null,
  inbound_message_id uuid references inbound_messages(id),
  channel text,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
create index peer_notifications_peer on peer_notifications (peer_id, created_at);

-- A number that said STOP is never texted again by anything, enrolled or not, until START.
create table opted_out_phones (
  phone text primary key,
  opted_out_at timestamptz not null default now()
);
