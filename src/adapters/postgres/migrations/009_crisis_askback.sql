-- A possible crisis (ambiguous distress) is answered with one question: "are you thinking
-- about suicide or hurting yourself right now? YES/NO". The question waits here, durably,
-- so the answer is read as an answer (not as the enrolment YES) and a missing answer
-- reaches the peer when the window ends.

alter table inbound_messages drop constraint if exists inbound_messages_crisis_level_check;
alter table inbound_messages add constraint inbound_messages_crisis_level_check
  check (crisis_level in ('imminent', 'possible', 'concern'));

create table crisis_askbacks (
  id uuid primary key default gen_random_uuid(),
  from_phone text not null,
  participant_id uuid references participants(id),
  -- The possible text that was asked about (Twilio re-deliveries ask once).
  message_sid text not null unique,
  language text not null check (language in ('en', 'es')),
  asked_at timestamptz not null,
  -- When the question stops waiting (asked_at + window), from the injected clock.
  expires_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'yes', 'no', 'timed_out')),
  resolved_at timestamptz,
  answer_sid text
);

-- One open question per phone: a second low text inside the window is not asked again.
create unique index crisis_askbacks_one_pending on crisis_askbacks (from_phone) where status = 'pending';
create index crisis_askbacks_recent on crisis_askbacks (from_phone, asked_at desc);
