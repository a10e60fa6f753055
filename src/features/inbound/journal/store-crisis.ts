import type { CrisisScreen } from "../../../domain/crisis";
import type { HotlineCase } from "../../../domain/hotline/model";
import type { InboundMessage, Participant } from "../../../domain/model";
import type { Db } from "../../../adapters/postgres";
import { inTransaction } from "../../../adapters/postgres";
import { noEffects, type Effects } from "../../../jobs/effects";
import { notifyPeerOfCase, openOrJoinCase } from "../../hotline/hotline";

export interface CrisisText {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

export interface StoredCrisis {
  message: InboundMessage;
  isNew: boolean;
  /** The case this text opened or joined (null only for a re-delivered sid whose case is closed). */
  hotlineCase: HotlineCase | null;
  /** Queue work to hand over after the commit (paging chain, the peer's note). */
  effects: Effects;
}

/**
 * One transaction for an imminent crisis text: the text once per MessageSid, its case
 * (opened or joined), and the note to the parent's peer. Shared by the webhook and by
 * the journal replay, so a text kept through an outage lands exactly as a live one would.
 */
export async function storeCrisisText(
  db: Db,
  text: CrisisText,
  participant: Participant | null | "look_up",
  screen: Pick<CrisisScreen, "level" | "categories" | "ruleIds">,
  now: Date,
  opts: { shortId?: string } = {},
): Promise<StoredCrisis> {
  const effects = noEffects();
  return inTransaction(db, async (tx) => {
    const who = participant === "look_up" ? await tx.participants.byPhone(text.from) : participant;
    const stored = await tx.inbound.insertOnce({
      messageSid: text.messageSid,
      fromPhone: text.from,
      toPhone: text.to,
      body: text.body,
      participantId: who?.id ?? null,
      crisisLevel: "imminent",
      crisisCategories: screen.categories,
    });
    if (!stored.isNew) {
      return { ...stored, hotlineCase: await tx.cases.activeForPhone(text.from), effects };
    }
    const opened = await openOrJoinCase(tx, { via: "sms", msg: stored.message }, who, screen as CrisisScreen, now, opts);
    if (opened.isNew) {
      effects.escalations.push(opened.hotlineCase);
      await notifyPeerOfCase(
        { store: tx, effects },
        opened.hotlineCase,
        "hotline_case_opened",
        `A crisis text went to the volunteer hotline (case ${opened.hotlineCase.shortId}).`,
      );
    }
    return { ...stored, hotlineCase: opened.hotlineCase, effects };
  });
}
