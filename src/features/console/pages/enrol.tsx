import { Hono } from "hono";
import { z } from "zod";
import type { ParticipantInput } from "../../../adapters/postgres/participants";
import type { Deps } from "../../../ports/deps";
import { enrolParticipant, NotFoundError } from "../../admin/participants";
import { participantCreateSchema } from "../../admin/schemas";
import { recordEvent } from "../audit";
import { CsrfField } from "../csrf";
import { renderPage } from "../http";
import { Layout } from "../layout";
import { requireRole, type ConsoleUser } from "../session";
import { CASELOAD_MAX, suggestPeers } from "../summary";

const LANGUAGES = { en: "English", es: "Spanish" } as const;
const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico"];

interface PeerChoice {
  id: string;
  name: string;
  languages: string[];
  activeParents: number;
}

type Values = Record<string, string>;

/**
 * Enrolment (supervisors and admins): suggests peers who speak the parent's language and
 * have fewer than 15 parents, warns (and asks to confirm) when the chosen peer does not
 * speak it or would go above 15, then enrols through the admin use case (the welcome text
 * asking for YES goes out as with the JSON API).
 */
export function enrolRoutes(deps: Deps) {
  const app = new Hono();

  app.get("/enrol", requireRole("supervisor"), async (c) => {
    const language = c.req.query("language") === "es" ? "es" : "en";
    const peers = await peerChoices(deps);
    return renderPage(c, <EnrolPage user={c.get("user")} peers={peers} values={{ language, timeZone: ZONES[0]!, dailyCheckinTime: "09:00" }} />);
  });

  app.post("/enrol", requireRole("supervisor"), async (c) => {
    const user = c.get("user");
    const form = await c.req.parseBody();
    const values: Values = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === "string"));
    const peers = await peerChoices(deps);
    const parsed = participantCreateSchema.safeParse({
      firstName: values.firstName ?? "",
      phone: values.phone ?? "",
      timeZone: values.timeZone ?? "",
      language: values.language ?? "",
      peerId: values.peerId ? values.peerId : null,
      dailyCheckinTime: values.dailyCheckinTime ? values.dailyCheckinTime : null,
    });
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "form", i.message]));
      return renderPage(c, <EnrolPage user={user} peers={peers} values={values} errors={errors} />, 400);
    }
    const d = parsed.data;
    const errors: Record<string, string> = {};
    if (await deps.store.participants.byPhone(d.phone)) errors.phone = "already enrolled";
    else if (await deps.store.responders.byPhone(d.phone)) errors.phone = "belongs to a hotline responder";
    if (Object.keys(errors).length) return renderPage(c, <EnrolPage user={user} peers={peers} values={values} errors={errors} />, 409);
    const peer = d.peerId ? peers.find((p) => p.id === d.peerId) : undefined;
    if (d.peerId && !peer) return renderPage(c, <EnrolPage user={user} peers={peers} values={values} errors={{ peerId: "no such peer" }} />, 400);
    const warnings = peer ? peerWarnings(peer, d.language) : [];
    if (warnings.length > 0 && values.confirm !== "yes") {
      return renderPage(c, <EnrolPage user={user} peers={peers} values={values} warnings={warnings} />, 409);
    }
    const { sendWindow, ...rest } = d;
    const input: ParticipantInput = { ...rest, sendWindowStart: sendWindow.start, sendWindowEnd: sendWindow.end };
    try {
      const participant = await enrolParticipant(input, deps);
      await recordEvent(deps, { user, action: "enrol", what: "parent", subjectId: participant.id, detail: { peerId: participant.peerId, warnings: warnings.length } });
      return c.redirect(`/console/parents/${participant.id}`, 303);
    } catch (err) {
      if (err instanceof NotFoundError) return renderPage(c, <EnrolPage user={user} peers={peers} values={values} errors={{ [err.field]: err.message }} />, 400);
      if ((err as { code?: string }).code === "23505") return renderPage(c, <EnrolPage user={user} peers={peers} values={values} errors={{ phone: "already enrolled" }} />, 409);
      throw err;
    }
  });

  // The languages a peer speaks (what the suggestions match on).
  app.post("/peers/:id/languages", requireRole("supervisor"), async (c) => {
    const id = z.uuid().safeParse(c.req.param("id"));
    const peer = id.success ? await deps.store.peers.get(id.data) : null;
    if (!peer) return c.text("Not found: no such peer", 404);
    const form = await c.req.parseBody({ all: true });
    const raw = form["languages"];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === "string");
    const languages = z.array(z.enum(["en", "es"])).min(1, "choose at least one").safeParse([...new Set(list)]);
    if (!languages.success) return c.text(`Bad request: languages ${languages.error.issues[0]?.message ?? "are invalid"}`, 400);
    await deps.store.consoleReads.setPeerLanguages(peer.id, languages.data);
    await recordEvent(deps, { user: c.get("user"), action: "peer_languages", what: "peer", subjectId: peer.id, detail: { languages: languages.data } });
    return c.redirect("/console/enrol#peers", 303);
  });

  return app;
}

async function peerChoices(deps: Deps): Promise<PeerChoice[]> {
  const [peers, counts, languages] = await Promise.all([deps.store.peers.list(), deps.store.consoleReads.activeCountsByPeer(), deps.store.consoleReads.peerLanguages()]);
  return peers.map((p) => ({ id: p.id, name: p.name, languages: languages.get(p.id) ?? ["en"], activeParents: counts.get(p.id) ?? 0 }));
}

function peerWarnings(peer: PeerChoice, language: string): string[] {
  const w: string[] = [];
  if (!peer.languages.includes(language)) w.push(`${peer.name} does not speak ${LANGUAGES[language as keyof typeof LANGUAGES] ?? language}.`);
  if (peer.activeParents >= CASELOAD_MAX) w.push(`${peer.name} already has ${peer.activeParents} parents; this makes ${peer.activeParents + 1}, above the guideline of ${CASELOAD_MAX}.`);
  return w;
}

function languageNames(codes: readonly string[]): string {
  return codes.map((l) => LANGUAGES[l as keyof typeof LANGUAGES] ?? l).join(", ");
}

function EnrolPage(props: { user: ConsoleUser; peers: PeerChoice[]; values: Values; errors?: Record<string, string>; warnings?: string[] }) {
  const v = props.values;
  const language = v.language === "es" ? "es" : "en";
  const suggested = suggestPeers(props.peers, language);
  const errors = props.errors ?? {};
  const err = (field: string) =>
    errors[field] ? (
      <span class="warn" id={`${field}-error`}>
        {`${field}: ${errors[field]}`}
      </span>
    ) : null;
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined);
  return (
    <Layout title="Enrol a parent" user={props.user} active="enrol">
      {Object.keys(errors).length > 0 ? (
        <div class="error" role="alert">
          <p>The parent was not enrolled. Fix these fields:</p>
          <ul>
            {Object.entries(errors).map(([f, m]) => (
              <li>{`${f}: ${m}`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.warnings && props.warnings.length > 0 ? (
        <div class="notice" role="alert">
          <p>Check the peer before enrolling:</p>
          <ul>
            {props.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
          <p>Tick "Assign anyway" below to enrol with this peer, or choose a suggested peer.</p>
        </div>
      ) : null}

      <form method="get" action="/console/enrol">
        <label>
          {"Suggest peers for a parent who speaks "}
          <select name="language">
            <option value="en" selected={language === "en"}>
              English
            </option>
            <option value="es" selected={language === "es"}>
              Spanish
            </option>
          </select>
        </label>{" "}
        <button type="submit">Suggest</button>
      </form>
      <p>
        {suggested.length === 0
          ? `No peer who speaks ${LANGUAGES[language]} has room under ${CASELOAD_MAX} parents.`
          : `Suggested for ${LANGUAGES[language]} (under ${CASELOAD_MAX} parents, fewest first): ${suggested.map((p) => `${p.name} (${p.activeParents})`).join(", ")}.`}
      </p>

      <form class="stack" method="post" action="/console/enrol">
        <CsrfField />
        <label>
          First name
          <input name="firstName" required maxlength={50} value={v.firstName ?? ""} aria-invalid={errors.firstName ? "true" : undefined} aria-describedby={described("firstName")} />
          {err("firstName")}
        </label>
        <label>
          Mobile phone (with country code, e.g. +15551234567)
          <input name="phone" type="tel" required value={v.phone ?? ""} aria-invalid={errors.phone ? "true" : undefined} aria-describedby={described("phone")} />
          {err("phone")}
        </label>
        <label>
          Language the parent is texted in
          <select name="language">
            <option value="en" selected={language === "en"}>
              English
            </option>
            <option value="es" selected={language === "es"}>
              Spanish
            </option>
          </select>
        </label>
        <label>
          Time zone
          <select name="timeZone" aria-describedby={described("timeZone")}>
            {ZONES.map((z) => (
              <option value={z} selected={v.timeZone === z}>
                {z}
              </option>
            ))}
          </select>
          {err("timeZone")}
        </label>
        <label>
          Daily check-in time
          <input name="dailyCheckinTime" type="time" value={v.dailyCheckinTime ?? "09:00"} aria-describedby={described("dailyCheckinTime")} />
          {err("dailyCheckinTime")}
        </label>
        <label>
          Peer
          <select name="peerId" aria-describedby={described("peerId")}>
            <option value="">No peer yet</option>
            {props.peers.map((p) => (
              <option value={p.id} selected={v.peerId === p.id}>
                {`${p.name} — ${languageNames(p.languages)} — ${p.activeParents} parents${suggested.some((s) => s.id === p.id) ? " (suggested)" : ""}`}
              </option>
            ))}
          </select>
          {err("peerId")}
        </label>
        {props.warnings && props.warnings.length > 0 ? (
          <label>
            <span>
              <input type="checkbox" name="confirm" value="yes" /> Assign anyway
            </span>
          </label>
        ) : null}
        <button class="primary" type="submit">
          Enrol and send the welcome text
        </button>
      </form>

      <h2 id="peers">Peers and languages</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Peer</th>
            <th scope="col" class="num">Active parents</th>
            <th scope="col">Speaks</th>
          </tr>
        </thead>
        <tbody>
          {props.peers.map((p) => (
            <tr>
              <th scope="row">{p.name}</th>
              <td class="num">{p.activeParents >= CASELOAD_MAX ? <span class="warn">{String(p.activeParents)}</span> : String(p.activeParents)}</td>
              <td>
                <form method="post" action={`/console/peers/${p.id}/languages`}>
                  <CsrfField />
                  <fieldset>
                    <legend>{`Languages ${p.name} speaks`}</legend>
                    {(["en", "es"] as const).map((l) => (
                      <label>
                        <input type="checkbox" name="languages" value={l} checked={p.languages.includes(l)} /> {LANGUAGES[l]}{" "}
                      </label>
                    ))}
                    <button type="submit">Save</button>
                  </fieldset>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
