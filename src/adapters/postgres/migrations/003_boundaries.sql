-- Peers' boundaries (issue 4): ad-hoc absence on top of working hours, where Slack posts
-- go, crisis FYI preference; and on notes: when they were held, digested, acknowledged.

-- /away [until]: away_until null with away_indefinitely = "until further notice" (/back ends it).
alter table peers add column away_until timestamptz;
alter table peers add column away_indefinitely boolean not null default false;
alter table peers add column away_since timestamptz;
-- Optional Slack channel used instead of a DM to slack_user_id.
alter table peers add column slack_channel_id text;
-- Crisis FYIs (hotline cases, concern screens) reach the peer at once even off-hours.
alter table peers add column crisis_fyi_immediately boolean not null default false;

-- Set when a note was held because the peer was off; it then goes out in a digest.
alter table peer_notifications add column deferred_until timestamptz;
-- First time the note was held off-hours (kept after delivery, for the supervisor's counts).
alter table peer_notifications add column deferred_at timestamptz;
alter table peer_notifications add column digest_id uuid;
alter table peer_notifications add column acknowledged_at timestamptz;
alter table peer_notifications add column acknowledged_by uuid references peers(id);
alter table peer_notifications add column snoozed_until timestamptz;
-- Delivered while the peer was off shift: an after-hours interruption.
alter table peer_notifications add column interrupted_off_hours boolean not null default false;
create index peer_notifications_deferred on peer_notifications (peer_id, deferred_until)
  where delivered_at is null and deferred_until is not null;
create index peer_notifications_unacked on peer_notifications (created_at)
  where acknowledged_at is null;

-- One "while you were off" message. `key` is the digest job's business key, so a retried
-- job finds the digest it already claimed notes into and re-sends exactly those.
create table peer_digests (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  peer_id uuid not null references peers(id),
  headline text not null,
  item_count integer not null,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
