import { registerAction } from "./actions";
import { getDb } from "@/app/_server/runtime";
import { getCurrentUser } from "@/app/_server/session";
import { RegisterForm } from "@/components/auth/register-form";
import { Brand } from "@/components/ui/brand";
import { safeCallbackPath } from "@/lib/auth/messages";
import { getConfig } from "@/lib/config";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const firstAccount = (await (await getDb()).user.count()) === 0;
  const open = getConfig().allowRegistration || firstAccount;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Brand />
        <h1>Create account</h1>
        {firstAccount && (
          <div className="alert alert-info">This is the first account: it becomes the workspace admin.</div>
        )}
        {open ? (
          <>
            <p className="sub">Join your team&apos;s workspace.</p>
            <RegisterForm callbackUrl={callbackUrl} register={registerAction} />
          </>
        ) : (
          <div className="alert alert-error" role="alert">
            Registration is closed. Ask an admin to create your account.
          </div>
        )}
        <p className="foot">
          Already have an account? <Link href="/signin">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
