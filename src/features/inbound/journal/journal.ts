import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * What the webhook could not put in Postgres: the text (with its crisis screen) and, for a
 * crisis, the short case id it promised and the pages it sent meanwhile. One JSON object
 * per line; the lines of one MessageSid are folded together on replay.
 */
export type JournalRecord =
  | {
      v: 1;
      kind: "inbound";
      messageSid: string;
      from: string;
      to: string;
      body: string;
      /** The screen's verdict at the webhook; null for a routine text. */
      crisis: { level: "imminent" | "possible" | "concern"; categories: string[] } | null;
      /** Short case id the pages named, so a volunteer's ACCEPT works once the case exists. */
      shortId: string | null;
      receivedAt: string;
    }
  | {
      v: 1;
      kind: "page_sent";
      messageSid: string;
      responderId: string;
      toPhone: string;
      body: string;
      providerSid: string;
      sentAt: string;
    };

export class JournalFullError extends Error {}

export interface Journal {
  readonly path: string;
  /** Appends one line and fsyncs it before resolving. Routine texts may fill only part of the bound. */
  append(record: JournalRecord): Promise<void>;
  /** Every record still in the file, in order. */
  read(): Promise<JournalRecord[]>;
  /** Drops the records of these MessageSids (rewrite to a temp file, fsync, rename). */
  remove(messageSids: ReadonlySet<string>): Promise<void>;
  /** Bytes in the file (as this process knows it). */
  size(): number;
}

/**
 * Share of the bound routine texts may use: during a long Postgres outage ordinary
 * chatter must not fill the journal and leave no room for a crisis text.
 */
const ROUTINE_SHARE = 0.75;

/**
 * A local append-only file, owned by one process (the one that answers webhooks). Every
 * operation runs in turn on one promise chain, so a compaction never races an append.
 */
export async function openJournal(path: string, maxBytes: number): Promise<Journal> {
  let madeDir = false;
  let bytes = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  const readAll = async (): Promise<JournalRecord[]> => {
    const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return "";
      throw err;
    });
    const out: JournalRecord[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as JournalRecord);
      } catch {
        // A torn last line from a crash mid-write: its append never resolved, so nobody
        // was told it was kept. Skip it rather than lose the lines after it.
      }
    }
    return out;
  };

  return {
    path,
    append(record) {
      return serial(async () => {
        const line = JSON.stringify(record) + "\n";
        const len = Buffer.byteLength(line);
        const isRoutine = record.kind === "inbound" && record.crisis?.level !== "imminent";
        const limit = isRoutine ? maxBytes * ROUTINE_SHARE : maxBytes;
        if (bytes + len > limit) throw new JournalFullError(`journal full (${bytes} bytes)`);
        if (!madeDir) await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        madeDir = true;
        const fh = await open(path, "a", 0o600);
        try {
          await fh.write(line);
          await fh.sync();
        } finally {
          await fh.close();
        }
        bytes += len;
      });
    },
    read: () => serial(readAll),
    remove(messageSids) {
      return serial(async () => {
        if (messageSids.size === 0) return;
        const kept = (await readAll()).filter((r) => !messageSids.has(r.messageSid));
        const text = kept.map((r) => JSON.stringify(r) + "\n").join("");
        const tmp = `${path}.tmp`;
        const fh = await open(tmp, "w", 0o600);
        try {
          await fh.write(text);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, path);
        // The rename itself is durable only once the directory is synced.
        const dir = await open(dirname(path), "r");
        await dir.sync().finally(() => dir.close());
        bytes = Buffer.byteLength(text);
      });
    },
    size: () => bytes,
  };
}
