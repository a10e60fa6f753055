/** Reads a text/event-stream response event by event (for the console's live pages). */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: SseEvent[] = [];
  /** Events before it were already returned or skipped by an earlier `until`. */
  let seen = 0;
  const parse = () => {
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const e: SseEvent = { event: "message", data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue; // a comment (keep-alive)
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") e.event = value;
        else if (field === "data") data.push(value);
        else if (field === "id") e.id = value;
      }
      if (data.length || e.event !== "message") events.push({ ...e, data: data.join("\n") });
    }
  };
  return {
    events,
    /** Reads until an event after the last one returned satisfies `match` (returns it), or fails after `timeoutMs`. */
    async until(match: (e: SseEvent) => boolean, timeoutMs = 20_000, what = "event"): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (; seen < events.length; seen++) if (match(events[seen]!)) return events[seen++]!;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms (${events.length} events: ${events.map((e) => e.event).join(", ")})`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<"timeout">((resolve) => {
            timer = setTimeout(() => resolve("timeout"), left);
          }),
        ]);
        clearTimeout(timer);
        if (chunk === "timeout") continue;
        if (chunk.done) throw new Error(`stream ended before ${what}`);
        buffer += decoder.decode(chunk.value, { stream: true });
        parse();
      }
    },
    /** Resolves when the server ends the stream (events on the way are kept); fails after `timeoutMs`. */
    async ended(timeoutMs = 20_000): Promise<void> {
      try {
        await this.until(() => false, timeoutMs, "end of stream");
      } catch (err) {
        if (err instanceof Error && err.message.startsWith("stream ended")) return;
        throw err;
      }
    },
    async close() {
      await reader.cancel().catch(() => undefined);
    },
  };
}
