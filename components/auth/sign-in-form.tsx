"use client";

import { signInErrorMessage } from "@/lib/auth/messages";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

interface Props {
  callbackUrl: string;
  initialError: string | null;
  githubEnabled: boolean;
}

export function SignInForm({ callbackUrl, initialError, githubEnabled }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(signInErrorMessage(result?.error ?? "INTERNAL"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <form onSubmit={onSubmit} noValidate={false}>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button className="btn btn-block" type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {githubEnabled && (
        <>
          <div className="divider">or</div>
          <button className="btn btn-secondary btn-block" type="button" onClick={() => signIn("github", { callbackUrl })}>
            Sign in with GitHub
          </button>
        </>
      )}
    </>
  );
}
