import { describe, expect, it } from "vitest";
import { isAppError } from "../errors/app-error";
import { assertPasswordAllowed, passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts a long, uncommon password", async () => {
    expect(await passwordProblem("plum-harbour-42-lantern", "ada@example.com")).toBeNull();
  });

  it("refuses fewer than 10 characters", async () => {
    expect(await passwordProblem("Tr0ub4dor", "ada@example.com")).toMatch(/at least 10/);
  });

  it("refuses the email, or a password containing it or its name part", async () => {
    expect(await passwordProblem("ada.lovelace@example.com", "Ada.Lovelace@example.com")).toMatch(/email/);
    expect(await passwordProblem("my-ada.lovelace@example.com!", "ada.lovelace@example.com")).toMatch(/email/);
    expect(await passwordProblem("ADA.LOVELACE-1815", "ada.lovelace@example.com")).toMatch(/email/);
  });

  it("refuses passwords from the common-password list, whatever their case", async () => {
    for (const common of ["1234567890", "qwertyuiop", "password123", "PASSWORD123"]) {
      expect(await passwordProblem(common, "ada@example.com"), common).toMatch(/most common/);
    }
  });

  it("throws VALIDATION_FAILED naming the password field", async () => {
    const err = await assertPasswordAllowed("qwertyuiop", "ada@example.com").catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("VALIDATION_FAILED");
    expect(isAppError(err) && err.details).toEqual({ fieldErrors: { password: expect.stringMatching(/most common/) } });
  });
});
