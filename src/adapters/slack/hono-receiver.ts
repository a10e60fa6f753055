import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { describeError, type Logger } from "../../ports/log";

export interface SlackHttpAnswer {
  status: number;
  /** Empty string, plain text, or JSON (what ack() was given). */
  body: string;
  contentType: "text/plain" | "application/json";
}

/**
 * Bolt's custom-receiver contract for Hono: the route (src/adapters/slack/routes.ts) verifies
 * the signature and parses the body, this hands it to Bolt and answers with whatever the
 * listener passed to ack(). Slack wants an answer within 3 seconds; listeners ack first
 * and do slow work after, which keeps running once the HTTP answer has gone.
 */
export class HonoReceiver implements Receiver {
  private app: App | null = null;

  constructor(
    private readonly log: Logger,
    private readonly ackTimeoutMs = 2800,
  ) {}

  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async dispatch(body: Record<string, unknown>, retry: { retryNum?: number; retryReason?: string }): Promise<SlackHttpAnswer> {
    if (!this.app) throw new Error("HonoReceiver used before App.init");
    let acked = false;
    let answer!: (a: SlackHttpAnswer) => void;
    const answered = new Promise<SlackHttpAnswer>((r) => (answer = r));
    const event: ReceiverEvent = {
      body,
      retryNum: retry.retryNum,
      retryReason: retry.retryReason,
      customProperties: {},
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        answer(toAnswer(response));
      },
    };
    const processed = this.app.processEvent(event).then(
      // Nothing listened (or a listener forgot to ack): Slack still needs its 200.
      () => toAnswer(undefined),
      (err: unknown) => {
        this.log.error("slack listener failed", { error: describeError(err) });
        return acked ? toAnswer(undefined) : { status: 500, body: "", contentType: "text/plain" as const };
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SlackHttpAnswer>((r) => {
      timer = setTimeout(() => {
        this.log.warn("slack listener did not ack in time; answering 200", { ackTimeoutMs: this.ackTimeoutMs });
        r(toAnswer(undefined));
      }, this.ackTimeoutMs);
    });
    try {
      return await Promise.race([answered, processed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function toAnswer(response: unknown): SlackHttpAnswer {
  if (response === undefined || response === null || response === "") return { status: 200, body: "", contentType: "text/plain" };
  if (typeof response === "string") return { status: 200, body: response, contentType: "text/plain" };
  return { status: 200, body: JSON.stringify(response), contentType: "application/json" };
}
