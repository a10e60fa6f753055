import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  enrol,
  newMessageSid,
  PROGRAM_NUMBER,
  PUBLIC_URL,
  TWILIO_AUTH_TOKEN,
  waitFor,
  type Harness,
} from "../support/harness";

/**
 * The Twilio webhooks facing the internet: bad signatures, bad fields, bad bodies,
 * retries, hostile text, speed, and what ends up in the logs. Real Postgres (PGlite),
 * real Redis/BullMQ workers, the real twilio SDK talking to a loopback fake.
 */
const FORM = "application/x-www-form-urlencoded";

describe("Twilio webhooks facing bad input", () => {
  let h: Harness;
  let ana: { phone: string; participantId: string; peerId: string };
  let ben: { phone: string; participantId: string; peerId: string };
  /** Every webhook answer in this file: none may be a 500. */
  const answers: { what: string; status: number }[] = [];
  /** Phones and bodies sent in this file: none may reach the logs. */
  const phonesSent = new Set<string>();
  const bodiesSent = new Set<string>();

  const UNKNOWN = "+15555550199";

  beforeAll(async () => {
    h = await createHarness({ sms: "twilio" });
    h.startWorkers();
    ana = await enrol(h);
    ben = await enrol(h, { firstName: "Benedikt", phone: "+15555550101" });
    phonesSent.add(ana.phone).add(ben.phone);
    // Both welcomes out, so later counts of texts per phone are exact.
    await waitFor(() => textsTo(ana.phone).length === 1 && textsTo(ben.phone).length === 1, 10_000, "welcomes");
  });
  afterAll(async () => h?.close());

  const textsTo = (phone: string) => h.fakeTwilio!.sentTo(phone).map((s) => s.body);

  async function track(what: string, res: Response | Promise<Response>): Promise<Response> {
    const r = await res;
    answers.push({ what, status: r.status });
    expect(r.status, `${what}: never a 500`).toBeLessThan(500);
    return r;
  }

  function sms(from: string, body: string, extra: Record<string, string> = {}) {
    phonesSent.add(from);
    bodiesSent.add(body);
    return track(`sms ${body.slice(0, 20)}`, h.postSms(from, body, extra));
  }

  function inboundParams(over: Record<string, string> = {}): Record<string, string> {
    return {
      MessageSid: newMessageSid(),
      AccountSid: h.deps.config.TWILIO_ACCOUNT_SID!,
      From: ana.phone,
      To: PROGRAM_NUMBER,
      Body: "hello there",
      NumMedia: "0",
      ...over,
    };
  }

  function raw(path: string, body: string, headers: Record<string, string>) {
    return track(`raw ${path}`, h.app.request(path, { method: "POST", headers, body }));
  }

  async function storedCount(sid: string): Promise<number> {
    const { rows } = await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages where message_sid = $1", [sid]);
    return Number(rows[0]!.n);
  }

  async function queuesIdle(): Promise<boolean> {
    const { inbound, smsRoutine, smsUrgent } = h.deps.queues;
    const counts = await Promise.all([inbound, smsRoutine, smsUrgent].map((q) => q.getJobCounts("waiting", "active", "prioritized")));
    return counts.every((c) => Object.values(c).every((n) => n === 0));
  }

  async function storedBody(sid: string): Promise<string | undefined> {
    const { rows } = await h.db.query<{ body: string }>("select body from inbound_messages where message_sid = $1", [sid]);
    return rows[0]?.body;
  }

  describe("signature (X-Twilio-Signature over PUBLIC_URL)", () => {
    it("rejects an unsigned request with 403 and stores nothing", async () => {
      const params = inboundParams();
      const res = await raw("/twilio/sms", new URLSearchParams(params).toString(), { "content-type": FORM });
      expect(res.status).toBe(403);
      expect(await storedCount(params.MessageSid!)).toBe(0);

      const status = await raw("/twilio/status", new URLSearchParams({ MessageSid: newMessageSid(), MessageStatus: "delivered" }).toString(), {
        "content-type": FORM,
      });
      expect(status.status).toBe(403);
    });

    it("rejects a garbage signature, a signature from another auth token, and a tampered body", async () => {
      const params = inboundParams();
      expect((await track("garbage sig", h.postSigned("/twilio/sms", params, "bm90IGEgcmVhbCBzaWduYXR1cmU="))).status).toBe(403);

      const otherToken = twilio.getExpectedTwilioSignature("some-other-auth-token", `${PUBLIC_URL}/twilio/sms`, params);
      expect((await track("other token", h.postSigned("/twilio/sms", params, otherToken))).status).toBe(403);

      // Signed for one body, sent with another (an attacker rewriting who texted what).
      const signed = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
      const tampered = new URLSearchParams({ ...params, Body: "STOP" }).toString();
      const res = await raw("/twilio/sms", tampered, { "content-type": FORM, "x-twilio-signature": signed });
      expect(res.status).toBe(403);
      expect(await storedCount(params.MessageSid!)).toBe(0);
    });

    it("rejects a signature computed for another URL", async () => {
      const params = inboundParams();
      for (const url of [
        "https://evil.example.org/twilio/sms",
        `${PUBLIC_URL}/twilio/status`,
        `${PUBLIC_URL}/twilio/sms?x=1`,
        `http://buddyline.example.org/twilio/sms`,
      ]) {
        const sig = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, url, params);
        expect((await track(`url ${url}`, h.postSigned("/twilio/sms", params, sig))).status, url).toBe(403);
      }
      expect(await storedCount(params.MessageSid!)).toBe(0);
    });

    it("accepts the same request when signed for the configured URL (the control)", async () => {
      const params = inboundParams({ Body: "signature control text" });
      bodiesSent.add(params.Body!);
      expect((await track("control", h.postSigned("/twilio/sms", params))).status).toBe(200);
      expect(await storedCount(params.MessageSid!)).toBe(1);
    });
  });

  describe("fields and bodies", () => {
    it("answers 400 naming a missing MessageSid or From, and stores nothing", async () => {
      const { MessageSid: _sid, ...noSid } = inboundParams();
      const r1 = await track("no sid", h.postSigned("/twilio/sms", noSid));
      expect(r1.status).toBe(400);
      expect(((await r1.json()) as { fields: Record<string, string> }).fields).toHaveProperty("MessageSid");

      const { From: _from, ...noFrom } = inboundParams();
      const r2 = await track("no from", h.postSigned("/twilio/sms", noFrom));
      expect(r2.status).toBe(400);
      const body2 = (await r2.json()) as { fields: Record<string, string> };
      expect(Object.keys(body2.fields)).toEqual(["From"]);
      expect(await storedCount(noFrom.MessageSid!)).toBe(0);

      const { MessageSid: _s, From: _f, ...neither } = inboundParams();
      const r3 = await track("neither", h.postSigned("/twilio/sms", neither));
      expect(r3.status).toBe(400);
      expect(Object.keys(((await r3.json()) as { fields: Record<string, string> }).fields).sort()).toEqual(["From", "MessageSid"]);

      const badSid = inboundParams({ MessageSid: "SM'; drop table inbound_messages; --" });
      const r4 = await track("bad sid", h.postSigned("/twilio/sms", badSid));
      expect(r4.status).toBe(400);
      expect(((await r4.json()) as { fields: Record<string, string> }).fields).toHaveProperty("MessageSid");
    });

    it("answers 400 naming Body when it is absent: a replay of Body=4 as Body4= verifies, and is refused", async () => {
      // Twilio's signature joins names and values without separators, so moving the "=" keeps it valid.
      const params = inboundParams({ Body: "4" });
      const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
      const { Body: _body, ...rest } = params;
      const replay = new URLSearchParams({ ...rest, Body4: "" }).toString();
      const res = await raw("/twilio/sms", replay, { "content-type": FORM, "x-twilio-signature": signature });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fields: Record<string, string> }).fields).toEqual({ Body: "required" });
      expect(await storedCount(params.MessageSid!)).toBe(0);

      // The control: the request as Twilio signed it is taken.
      const original = await raw("/twilio/sms", new URLSearchParams(params).toString(), { "content-type": FORM, "x-twilio-signature": signature });
      expect(original.status).toBe(200);
      expect(await storedBody(params.MessageSid!)).toBe("4");
    });

    it("takes a media-only text, whose Body is present and empty", async () => {
      const params = inboundParams({ Body: "", NumMedia: "1" });
      expect((await track("media only", h.postSigned("/twilio/sms", params))).status).toBe(200);
      expect(await storedBody(params.MessageSid!)).toBe("");
    });

    it("answers 400 naming From when it is not E.164, and stores nothing", async () => {
      for (const from of ["5555550100", "+1 555 555 0100", "+0155555501", "whatsapp:+15555550100", "+1555", "+1555555010012345", "Buddy"]) {
        const params = inboundParams({ From: from });
        const res = await track(`from ${from}`, h.postSigned("/twilio/sms", params));
        expect(res.status, from).toBe(400);
        expect(((await res.json()) as { fields: Record<string, string> }).fields, from).toHaveProperty("From");
        expect(await storedCount(params.MessageSid!)).toBe(0);
      }
    });

    it("answers 413 to a body over MAX_BODY_BYTES, signed or not", async () => {
      const max = h.deps.config.MAX_BODY_BYTES;
      expect(max).toBe(64 * 1024);
      const huge = "x".repeat(max + 1);
      const signed = await sms(ana.phone, huge);
      expect(signed.status).toBe(413);
      const unsigned = await raw("/twilio/sms", new URLSearchParams(inboundParams({ Body: huge })).toString(), { "content-type": FORM });
      expect(unsigned.status).toBe(413);
      const status = await raw("/twilio/status", `MessageSid=${newMessageSid()}&MessageStatus=delivered&pad=${"y".repeat(max)}`, {
        "content-type": FORM,
      });
      expect(status.status).toBe(413);
      // Under the byte limit but over the Body cap: a named 400, not a 500.
      const long = inboundParams({ Body: "z".repeat(20_000) });
      const res = await track("long body", h.postSigned("/twilio/sms", long));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty("Body");
      expect(await storedCount(long.MessageSid!)).toBe(0);
    });

    it("answers 400 to a body that is not form-encoded, and stores nothing", async () => {
      const params = inboundParams();
      const sig = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
      for (const type of ["application/json", "text/plain", "multipart/form-data; boundary=x", ""]) {
        const body = type === "application/json" ? JSON.stringify(params) : new URLSearchParams(params).toString();
        const headers: Record<string, string> = { "x-twilio-signature": sig };
        if (type) headers["content-type"] = type;
        const res = await raw("/twilio/sms", body, headers);
        expect(res.status, type || "(none)").toBe(400);
      }
      expect(await storedCount(params.MessageSid!)).toBe(0);
    });

    it("keeps a text with a NUL character instead of failing on it", async () => {
      const params = inboundParams({ Body: "before\u0000after" });
      const res = await track("nul", h.postSigned("/twilio/sms", params));
      expect(res.status).toBe(200);
      expect(await storedBody(params.MessageSid!)).toBe("before\uFFFDafter");
      // A control character in To (which Twilio never sends) is a named 400, not a 500.
      const badTo = await track("nul to", h.postSigned("/twilio/sms", inboundParams({ To: "+1555\u0000" })));
      expect(badTo.status).toBe(400);
    });
  });

  describe("what is stored", () => {
    it("stores a duplicate delivery of one MessageSid once and processes it once", async () => {
      const params = inboundParams({ From: ben.phone, Body: "HELP" });
      for (let i = 0; i < 3; i++) {
        const res = await track(`dup ${i}`, h.postSigned("/twilio/sms", params));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain("<Response>");
      }
      // Twilio can also retry while the first delivery is still in flight.
      const concurrent = await Promise.all([0, 1, 2].map((i) => track(`dup c${i}`, h.postSigned("/twilio/sms", params))));
      expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200]);

      expect(await storedCount(params.MessageSid!)).toBe(1);
      await waitFor(async () => {
        const { rows } = await h.db.query<{ processed_at: Date | null }>("select processed_at from inbound_messages where message_sid = $1", [params.MessageSid]);
        return rows[0]?.processed_at;
      }, 10_000, "processed");
      // HELP replies are keyed per inbound row, so a second row or a second run would text twice.
      await waitFor(() => textsTo(ben.phone).length >= 2, 10_000, "help reply");
      // Nothing left that could send a second reply: every inbound and SMS job has run.
      await waitFor(queuesIdle, 10_000, "inbound and SMS queues idle");
      expect(textsTo(ben.phone)).toHaveLength(2);
      expect(textsTo(ben.phone)[1]).toMatch(/STOP/);
    });

    const hostile: [string, string][] = [
      ["emoji", "I'm 😀👍🏽 today ❤️ 👨‍👩‍👧‍👦 🏳️‍🌈"],
      ["Arabic (RTL)", "مرحبا، أنا بخير اليوم. شكراً لك!"],
      ["Hebrew (RTL)", "שלום, היום היה יום קשה"],
      ["mixed bidi", "ok \u202Eevil\u202C שלום 123 مرحبا"],
      ["very long", "Long day. ".repeat(159) + "Bye 👋🏽!!"],
      ["SQL-looking", "'; drop table participants; --"],
      ["SQL-looking 2", "Robert'); DELETE FROM inbound_messages WHERE ('1'='1"],
      ["markup", '<Response><Message>hi</Message></Response> & "quotes"'],
      ["whitespace", "  line one\r\nline two\n\ttabbed  "],
      ["combining", "e\u0301 vs \u00e9, Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́Ǫ̵̹̻̝̳͂̌̌͘"],
    ];

    it.each(hostile)("stores %s text byte-exact and answers with TwiML", async (_label, body) => {
      const sid = newMessageSid();
      const res = await sms(ana.phone, body, { MessageSid: sid });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
      const stored = await storedBody(sid);
      expect(stored).toBe(body);
      expect(Buffer.from(stored!, "utf8").equals(Buffer.from(body, "utf8"))).toBe(true);
    });

    it("the very long text really is one full 1,600-character SMS", () => {
      expect(hostile.find(([l]) => l === "very long")![1]).toHaveLength(1600);
    });

    it("still has every table and every row after the SQL-looking texts", async () => {
      for (const table of ["participants", "peers", "inbound_messages", "outbound_messages", "checkins", "peer_notifications", "opted_out_phones"]) {
        const { rows } = await h.db.query<{ t: string | null }>("select to_regclass($1)::text as t", [table]);
        expect(rows[0]!.t, table).not.toBeNull();
      }
      const { rows } = await h.db.query<{ n: number }>("select count(*)::int as n from participants");
      expect(Number(rows[0]!.n)).toBe(2);
      expect(await h.store.participants.get(ana.participantId)).not.toBeNull();
    });
  });

  describe("answers", () => {
    it("answers 200 with an empty TwiML <Response> as text/xml", async () => {
      const res = await sms(ana.phone, "how are you");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
      const text = await res.text();
      expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Response>.*<\/Response>$/s);
    });

    it("answers an unknown number with a generic line that carries nobody's data", async () => {
      const res = await sms(UNKNOWN, `hi, is this Ana's peer Rosa? her number is ${ana.phone}`);
      expect(res.status).toBe(200);
      const twiml = await res.text();
      await waitFor(() => textsTo(UNKNOWN).length === 1, 10_000, "generic reply");
      for (const text of [twiml, ...textsTo(UNKNOWN)]) {
        for (const secret of ["Ana", "Benedikt", "Rosa", "Diaz", ana.phone, ben.phone, ana.phone.slice(-4), ben.phone.slice(-4), ana.participantId]) {
          expect(text).not.toContain(secret);
        }
      }
      expect(textsTo(UNKNOWN)[0]).toMatch(/988/);
      // The generic line is the same one every stranger gets.
      const flows = h.deps.flows.program.unknownSender;
      expect(textsTo(UNKNOWN)[0]).toBe(`${flows.en}\n${flows.es}`);
    });
  });

  describe("status callbacks", () => {
    const providerSidOf = async (phone: string) =>
      waitFor(async () => (await h.store.outbound.listTo(phone, 5))[0]?.providerSid, 10_000, "provider sid");
    const rowOf = async (providerSid: string) => {
      const { rows } = await h.db.query<{ status: string; error_code: string | null }>(
        "select status, error_code from outbound_messages where provider_sid = $1",
        [providerSid],
      );
      return rows[0];
    };
    const status = (MessageSid: string, MessageStatus: string, extra: Record<string, string> = {}) =>
      track(`status ${MessageStatus}`, h.postSigned("/twilio/status", { MessageSid, MessageStatus, AccountSid: "AC0", ...extra }));

    it("records delivered on the outbound row by provider sid; a late 'sent' does not undo it", async () => {
      const sid = await providerSidOf(ana.phone);
      expect(h.fakeTwilio!.sent.map((s) => s.sid)).toContain(sid);
      expect((await rowOf(sid))!.status).toBe("sent");

      expect((await status(sid, "delivered")).status).toBe(204);
      expect((await rowOf(sid))!.status).toBe("delivered");

      expect((await status(sid, "sent")).status).toBe(204);
      expect((await rowOf(sid))!.status).toBe("delivered");
    });

    it("records undelivered with Twilio's error code", async () => {
      const sid = await providerSidOf(ben.phone);
      expect((await status(sid, "undelivered", { ErrorCode: "30003" })).status).toBe(204);
      expect(await rowOf(sid)).toEqual({ status: "undelivered", error_code: "30003" });
      // A late "sent" after a final status changes nothing either.
      await status(sid, "sent");
      expect(await rowOf(sid)).toEqual({ status: "undelivered", error_code: "30003" });
    });

    it("a status that arrives before the worker stored the sid is held and applied, not dropped", async () => {
      // Twilio may call the status URL before its API answer reaches the sending worker.
      let early: Response | null = null;
      h.fakeTwilio!.script({ kind: "ok", beforeAnswer: async (sms) => { early = await status(sms.sid, "delivered"); } });
      await enrol(h, { firstName: "Cleo", phone: "+15555550177" });
      const sid = await providerSidOf("+15555550177");
      expect(early!.status).toBe(204);
      await waitFor(async () => (await rowOf(sid))!.status === "delivered", 5000, "held status applied");
      const { rows } = await h.db.query("select 1 from early_delivery_statuses where provider_sid = $1", [sid]);
      expect(rows).toHaveLength(0);
    });

    it("ignores unknown sids and interim statuses, and names a bad field", async () => {
      const before = await h.db.query("select id, status, error_code from outbound_messages where kind = 'welcome' order by id");
      expect((await status(newMessageSid(), "delivered")).status).toBe(204);
      const sid = await providerSidOf(ana.phone);
      expect((await status(sid, "queued")).status).toBe(204);
      expect((await status(sid, "whatever\u0000")).status).toBe(204);
      const after = await h.db.query("select id, status, error_code from outbound_messages where kind = 'welcome' order by id");
      expect(after.rows).toEqual(before.rows);

      const bad = await status("not-a-sid", "delivered");
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { fields: Record<string, string> }).fields).toHaveProperty("MessageSid");
      const badCode = await status(sid, "failed", { ErrorCode: "30003\u0000" });
      expect(badCode.status).toBe(400);
      expect(((await badCode.json()) as { fields: Record<string, string> }).fields).toHaveProperty("ErrorCode");
      expect((await rowOf(sid))!.status).toBe("delivered");
    });
  });

  // Runs last: looks back over every request this file made.
  describe("after all of the above", () => {
    it("never answered a 500", () => {
      expect(answers.length).toBeGreaterThan(50);
      expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    });

    it("logged no phone number and no message body", async () => {
      // Let the workers finish with every stored text first, so their logs are included.
      await waitFor(async () => {
        const { rows } = await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages where processed_at is null");
        return Number(rows[0]!.n) === 0;
      }, 15_000, "all inbound processed");
      const log = h.logLines.join("\n");
      expect(h.logLines.length).toBeGreaterThan(0);
      expect(log).toMatch(/inbound processed/);
      expect(log).not.toMatch(/\+\d{7,15}/);
      for (const phone of phonesSent) {
        expect(log).not.toContain(phone);
        expect(log).not.toContain(phone.slice(1));
        expect(log).not.toContain(phone.slice(2));
      }
      for (const body of bodiesSent) {
        if (body.trim().length < 6) continue;
        const probe = body.slice(0, 40);
        expect(log, body.slice(0, 30)).not.toContain(probe);
        expect(log, body.slice(0, 30)).not.toContain(JSON.stringify(probe).slice(1, -1));
      }
    });
  });
});

/**
 * With the edge Worker in front, the origin takes Twilio webhooks only from it: the edge
 * sends EDGE_FORWARD_SECRET in x-buddyline-edge-secret (docs/edge.md).
 */
describe("Twilio webhooks with EDGE_FORWARD_SECRET set", () => {
  const SECRET = "edge-forward-secret-0123456789";
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ sms: "twilio", env: { EDGE_FORWARD_SECRET: SECRET } });
  });
  afterAll(async () => h?.close());

  const signedPost = (path: string, params: Record<string, string>, extra: Record<string, string>) =>
    h.app.request(path, {
      method: "POST",
      headers: {
        "content-type": FORM,
        "x-twilio-signature": twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL + path, params),
        ...extra,
      },
      body: new URLSearchParams(params).toString(),
    });
  const text = () => ({ MessageSid: newMessageSid(), From: "+15555550142", To: PROGRAM_NUMBER, Body: "hello from the edge", NumMedia: "0" });
  const stored = async (sid: string) =>
    Number((await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages where message_sid = $1", [sid])).rows[0]!.n);

  it("refuses a correctly signed text without the secret, or with a wrong one, and stores nothing", async () => {
    const wrong = ["", "x", SECRET.slice(0, -1), `${SECRET}x`, SECRET.replace(/.$/, "0"), SECRET.toUpperCase()];
    for (const extra of [{}, ...wrong.map((w) => ({ "x-buddyline-edge-secret": w }))]) {
      const params = text();
      const res = await signedPost("/twilio/sms", params, extra);
      expect(res.status, JSON.stringify(extra)).toBe(403);
      expect(await stored(params.MessageSid)).toBe(0);
    }
    const status = await signedPost("/twilio/status", { MessageSid: newMessageSid(), MessageStatus: "delivered" }, { "x-buddyline-edge": "1" });
    expect(status.status).toBe(403);
  });

  it("takes a signed text that carries the secret, and still requires the signature", async () => {
    const params = text();
    const res = await signedPost("/twilio/sms", params, { "x-buddyline-edge": "1", "x-buddyline-edge-secret": SECRET });
    expect(res.status).toBe(200);
    expect(await stored(params.MessageSid)).toBe(1);

    const unsigned = text();
    const forged = await signedPost("/twilio/sms", unsigned, { "x-buddyline-edge-secret": SECRET, "x-twilio-signature": "bm90IGEgcmVhbCBzaWduYXR1cmU=" });
    expect(forged.status).toBe(403);
    expect(await stored(unsigned.MessageSid)).toBe(0);
  });
});
