import twilio from "twilio";
import { createHarness, PUBLIC_URL, TWILIO_AUTH_TOKEN, newMessageSid } from "../test/support/harness";
import { storeFor } from "../src/store";
const kind = (process.env.BENCH_DB ?? "postgres") as "postgres" | "pglite";
const h = await createHarness({ db: kind });
const store = storeFor(h.db);
const N = 300;
async function t(name: string, f: (i: number) => Promise<unknown> | unknown) {
  for (let i = 0; i < 20; i++) await f(i);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await f(i);
  console.log(name, ((performance.now() - t0) / N).toFixed(3), "ms/op sequential");
}
const params = { MessageSid: newMessageSid(), From: "+12000000001", To: "+15550001111", Body: "4" };
const sig = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL + "/twilio/sms", params);
await t("validateRequest", () => twilio.validateRequest(TWILIO_AUTH_TOKEN, sig, PUBLIC_URL + "/twilio/sms", params));
await t("select 1", () => h.db.query("select 1"));
await t("byPhone", () => store.participants.byPhone("+12000000001"));
await t("insertOnce", () => store.inbound.insertOnce({ messageSid: newMessageSid(), fromPhone: "+12000000001", toPhone: "+1555", body: "4", participantId: null }));
await t("redis ping", () => h.redis.ping());
await t("queue.add", (i) => h.deps.queues.inbound.add("process", { inboundId: "x" + i }, { attempts: 8, backoff: { type: "exponential", delay: 1000 }, jobId: `probe|${Math.random()}` }));
await t("postSms in-process", () => h.postSms("+12000000001", "4"));
await h.close();
process.exit(0);
