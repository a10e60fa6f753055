import { DateTime } from "luxon";
import { requireInstant, requireZone } from "./validate";

export type FormatLang = "en" | "es";
export type FormatStyle = "time" | "datetime" | "date";

// Names are spelled out here instead of coming from Intl/ICU: ICU output
// changes between Node versions (e.g. U+202F before "PM", "sep" vs "sept"),
// and these strings go into SMS bodies and snapshot tests, so they must be
// byte-stable. Luxon is still the only thing that decides the local fields.
const NAMES = {
  en: {
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  },
  es: {
    // CLDR "es" abbreviations, lowercase as Spanish writes them.
    weekdays: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    months: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
  },
} as const;

/**
 * en: "8:30 PM" | "Mon, Nov 23, 8:30 PM" | "Mon, Nov 23"
 * es: "20:30"   | "lun, 23 nov, 20:30"   | "lun, 23 nov"
 */
export function formatLocal(instant: Date, zone: string, lang: FormatLang, style: FormatStyle): string {
  const z = requireZone(zone);
  const dt = DateTime.fromMillis(requireInstant(instant), { zone: z });
  const names = NAMES[lang];
  if (!names) throw new RangeError(`unsupported language: ${String(lang)}`);

  const mm = String(dt.minute).padStart(2, "0");
  const weekday = names.weekdays[dt.weekday - 1];
  const month = names.months[dt.month - 1];

  let time: string;
  let date: string;
  if (lang === "en") {
    const h12 = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
    time = `${h12}:${mm} ${dt.hour < 12 ? "AM" : "PM"}`;
    date = `${weekday}, ${month} ${dt.day}`;
  } else {
    time = `${String(dt.hour).padStart(2, "0")}:${mm}`;
    date = `${weekday}, ${dt.day} ${month}`;
  }

  switch (style) {
    case "time":
      return time;
    case "date":
      return date;
    case "datetime":
      return `${date}, ${time}`;
    default:
      throw new RangeError(`unsupported style: ${String(style)}`);
  }
}
