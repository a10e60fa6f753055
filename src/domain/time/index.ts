// Public surface of the pure time module. All tz rules come from luxon; no
// function here reads the clock — callers pass the current instant in.
export type { LocalDate, LocalTime } from "./validate";
export { isValidLocalDate, isValidLocalTime, isValidZone } from "./validate";
export { addDays, dailyOccurrences, localDateOf, localTimeOf, minutesBetween, zonedInstant } from "./zoned";
export {
  clampIntoSendWindow,
  DEFAULT_SEND_WINDOW,
  isWithinSendWindow,
  nextSendWindowOpening,
  type SendWindow,
  type SendWindowOptions,
} from "./send-window";
export { isOnShift, nextShiftStart, SHIFT_SEARCH_DAYS, type WeeklyShift } from "./shifts";
export { formatLocal, type FormatLang, type FormatStyle } from "./format";
export { ADMIN_DATE_YEARS, daysBetweenDates, outsideAdminRange } from "./bounds";
