-- Web console (docs/console.md): people who sign in, their server-side sessions, failed
-- sign-ins (lockout and per-address limits) and the audit log of who viewed what.

-- Languages a peer speaks, for the enrolment form's language matching. Everyone so far
-- was enrolled in English or Spanish by hand; English is the safe default.
alter table peers add column languages jsonb not null default '["en"]'::jsonb;

create table console_users (
  id uuid primary key default gen_random_uuid(),
  -- Stored lower-cased: sign-in compares exactly.
  email text not null unique,
  name text not null,
  role text not null check (role in ('admin', 'supervisor', 'peer', 'volunteer')),
  -- argon2id PHC string; never the password.
  password_hash text not null,
  peer_id uuid references peers(id),
  responder_id uuid references responders(id),
  active boolean not null default true,
  -- Lockout: set when too many wrong passwords arrived within the window.
  locked_until timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table console_sessions (
  -- sha256 of the cookie's token: a read of this table does not yield a usable session.
  token_hash text primary key,
  user_id uuid not null references console_users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null
);
create index console_sessions_user on console_sessions (user_id);

create table console_login_failures (
  id bigserial primary key,
  at timestamptz not null,
  email text not null,
  ip text not null
);
create index console_login_failures_email on console_login_failures (email, at);
create index console_login_failures_ip on console_login_failures (ip, at);

create table console_audit (
  id bigserial primary key,
  at timestamptz not null,
  user_id uuid references console_users(id),
  -- Who, when the user is unknown (a failed sign-in names the email that was tried).
  actor text not null,
  action text not null,
  what text not null default '',
  subject_id text,
  -- Ids, counts and outcomes only: never a message body, a phone number or a password.
  detail jsonb not null default '{}'::jsonb
);
create index console_audit_at on console_audit (at desc);
create index console_audit_subject on console_audit (subject_id, at);

-- Caseload and parent pages read these by parent and time.
create index if not exists checkins_participant_due on checkins (participant_id, due_at);
create index if not exists outbound_participant on outbound_messages (participant_id, created_at);
