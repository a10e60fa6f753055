-- Slack (issue 4): one thread per parent per peer-local day, and where each note was posted.

-- The day's thread for a parent in a peer's DM or channel. `ts` is null while the first
-- note of the day is being posted (a claim), so two notes at once cannot open two threads.
create table slack_threads (
  peer_id uuid not null references peers(id),
  participant_id uuid not null references participants(id),
  local_date text not null,
  channel text,
  ts text,
  claimed_at timestamptz not null default now(),
  primary key (peer_id, participant_id, local_date)
);
-- A peer's reply in Slack finds its parent by the thread it was written in.
create unique index slack_threads_ts on slack_threads (channel, ts) where ts is not null;

-- Each note's Slack message: a retried delivery finds it and does not post twice, and
-- buttons update the message they belong to.
create table slack_posts (
  notification_id uuid primary key references peer_notifications(id),
  channel text not null,
  ts text not null,
  thread_ts text,
  created_at timestamptz not null default now()
);
