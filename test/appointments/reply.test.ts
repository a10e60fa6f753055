import { describe, expect, it } from "vitest";
import { parseAppointmentReply } from "../../src/domain/appointments/reply";
import { parseCheckinReply } from "../../src/domain/text/checkin-reply";
import { classifyKeyword } from "../../src/domain/text/keywords";

describe("C / R replies to an appointment reminder", () => {
  const table: [string, "confirm" | "reschedule" | null][] = [
    ["C", "confirm"],
    ["c", "confirm"],
    [" c. ", "confirm"],
    ["C 👍", null],
    ["Confirm", "confirm"],
    ["confirmed!", "confirm"],
    ["I'll be there", "confirm"],
    ["ill be there", "confirm"],
    ["Confirmo", "confirm"],
    ["confirmado", "confirm"],
    ["Ahí estaré", "confirm"],
    ["R", "reschedule"],
    ["r", "reschedule"],
    ["Reschedule", "reschedule"],
    ["change", "reschedule"],
    ["can't make it", "reschedule"],
    ["Cambiar", "reschedule"],
    ["reprogramar", "reschedule"],
    ["No puedo ir", "reschedule"],
    // Not whole-message answers: a conversation for the peer.
    ["c u later", null],
    ["can we change the time to 3", null],
    ["cc", null],
    ["Ryan", null],
    ["confirm my ride?", null],
    // Opt-in and carrier keywords stay keywords.
    ["YES", null],
    ["y", null],
    ["Sí", null],
    ["s", null],
    ["STOP", null],
    ["cancel", null],
    ["Cancelar", null],
    ["HELP", null],
    ["info", null],
    // Check-in answers stay check-in answers.
    ["1", null],
    ["5", null],
    ["good", null],
    ["ok", null],
    ["bien", null],
    ["mal", null],
    ["😊", null],
    ["", null],
  ];
  it.each(table)("%j → %s", (body, expected) => {
    expect(parseAppointmentReply(body)).toBe(expected);
  });

  it("no C/R word is a carrier keyword or a check-in score", () => {
    for (const [body, expected] of table) {
      if (expected === null) continue;
      expect(classifyKeyword(body), body).toBeNull();
      expect(parseCheckinReply(body).kind, body).toBe("unparsed");
    }
  });
});
