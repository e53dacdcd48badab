"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button className="btn btn-secondary btn-small" type="button" onClick={() => signOut({ callbackUrl: "/signin" })}>
      Sign out
    </button>
  );
}
