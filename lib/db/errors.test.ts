import { describe, expect, it } from "vitest";
import { isWriteConflict, prismaErrorCode } from "./errors";

describe("database errors", () => {
  it("reads a Prisma error code", () => {
    expect(prismaErrorCode({ code: "P2002" })).toBe("P2002");
    expect(prismaErrorCode(new Error("plain"))).toBeUndefined();
    expect(prismaErrorCode(null)).toBeUndefined();
  });

  it("knows a lost serialization race in both shapes Prisma reports it", () => {
    expect(isWriteConflict({ code: "P2034" })).toBe(true);
    const atCommit = Object.assign(new Error("TransactionWriteConflict"), { name: "DriverAdapterError", cause: { kind: "TransactionWriteConflict" } });
    expect(isWriteConflict(atCommit)).toBe(true);
    expect(isWriteConflict({ cause: { kind: "UniqueConstraintViolation" } })).toBe(false);
    expect(isWriteConflict({ code: "P2002" })).toBe(false);
    expect(isWriteConflict(undefined)).toBe(false);
  });
});
