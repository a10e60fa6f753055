import { formatLocal, type FormatLang } from "../time";

/**
 * When the parent will be read, in the PARENT's zone and language:
 * en "9:00 AM Tue, Nov 24", es "mar, 24 nov, 09:00".
 */
export function formatReadAfter(instant: Date, parentZone: string, lang: FormatLang): string {
  if (lang === "en") return `${formatLocal(instant, parentZone, "en", "time")} ${formatLocal(instant, parentZone, "en", "date")}`;
  return formatLocal(instant, parentZone, lang, "datetime");
}
