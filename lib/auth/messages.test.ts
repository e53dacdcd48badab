import { describe, expect, it } from "vitest";
import { rateLimitedSignIn, safeCallbackPath, signInErrorMessage } from "./messages";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackPath("/admin?tab=users")).toBe("/admin?tab=users");
  });

  it("refuses other origins and protocol-relative URLs", () => {
    expect(safeCallbackPath("https://evil.example/x")).toBe("/");
    expect(safeCallbackPath("//evil.example/x")).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/");
  });

  it("never loops back to the auth pages", () => {
    expect(safeCallbackPath("/signin?callbackUrl=/admin")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});

describe("signInErrorMessage", () => {
  it("gives one generic message for wrong credentials and a fallback for unknown codes", () => {
    expect(signInErrorMessage("INVALID_CREDENTIALS")).toBe("Wrong email or password.");
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong email or password.");
    expect(signInErrorMessage("SOMETHING_ELSE")).toBe("Sign-in failed. Try again.");
    expect(signInErrorMessage(null)).toBeNull();
  });

  it("names the wait of a rate-limited sign-in", () => {
    expect(signInErrorMessage("RATE_LIMITED:42")).toBe("Too many failed attempts. Try again in 42 s.");
    expect(rateLimitedSignIn("RATE_LIMITED:42")).toBe(42);
    expect(rateLimitedSignIn("RATE_LIMITED")).toBeNull();
    expect(rateLimitedSignIn("INVALID_CREDENTIALS")).toBeNull();
  });
});
