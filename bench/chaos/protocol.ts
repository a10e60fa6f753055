/** Messages between the chaos driver and its fake Twilio process (bench/chaos/fake-twilio-process.ts). */
export type FakeMode = "ok" | "429" | "500" | "hang";

export interface FakeSms {
  to: string;
  body: string;
  at: number;
  sid: string;
}

export type DriverToFake = { type: "mode"; mode: FakeMode } | { type: "dump" };

export type FakeToDriver =
  | { type: "ready"; url: string }
  | { type: "mode-ok" }
  | {
      type: "dump";
      /** Accepted (201) by the fake. */
      sent: FakeSms[];
      /** Read and never answered: possibly delivered. */
      hung: { to: string; body: string; at: number }[];
      /** Answered 429/500: not delivered. */
      refused: { to: string; status: number; at: number }[];
    };
