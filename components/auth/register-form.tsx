"use client";

import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import type { ActionResult } from "@/lib/forms/action-result";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type Field = "email" | "name" | "password";
type Failure = Extract<ActionResult<Field>, { ok: false }>;

interface Props {
  callbackUrl: string;
  register: (input: Record<Field, string>) => Promise<ActionResult<Field>>;
}

export function RegisterForm({ callbackUrl, register }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setFailure(null);
    const result = await register(input);
    if (!result.ok) {
      setPending(false);
      setFailure(result);
      return;
    }
    const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (!signedIn || signedIn.error) {
      router.replace("/signin");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  /** Editing a field takes back its error and the form's message: they described the old input. */
  function onEdit(event: FormEvent<HTMLFormElement>) {
    const field = (event.target as HTMLInputElement).name as Field;
    setFailure((f) => {
      if (!f) return f;
      const fieldErrors = { ...f.fieldErrors };
      delete fieldErrors[field];
      return Object.keys(fieldErrors).length > 0 ? { ...f, message: undefined, fieldErrors } : null;
    });
  }

  const fieldError = (name: Field) =>
    failure?.fieldErrors?.[name] ? (
      <span className="error" id={`${name}-error`}>
        {failure.fieldErrors[name]}
      </span>
    ) : null;

  return (
    <>
      {failure?.message && (
        <div className="alert alert-error" role="alert">
          {failure.message}
        </div>
      )}
      <form onSubmit={onSubmit} onChange={onEdit}>
        <div className="field">
          <label htmlFor="name">Display name</label>
          <input id="name" name="name" autoComplete="name" required maxLength={80} autoFocus />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required />
          {fieldError("email")}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} />
          {fieldError("password") ?? <span className="hint">At least {PASSWORD_MIN_LENGTH} characters; not your email or a common password.</span>}
        </div>
        <button className="btn btn-block" type="submit" disabled={pending}>
          {pending ? "Creating account…" : "Create account"}
        </button>
      </form>
    </>
  );
}
