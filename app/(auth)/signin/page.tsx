import { getCurrentUser } from "@/app/_server/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Brand } from "@/components/ui/brand";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/messages";
import { getConfig } from "@/lib/config";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<{ callbackUrl?: string; error?: string; registered?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const config = getConfig();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Brand />
        <h1>Sign in</h1>
        <p className="sub">Welcome back. Sign in to your workspace.</p>
        <SignInForm
          callbackUrl={callbackUrl}
          initialError={signInErrorMessage(params.error)}
          githubEnabled={Boolean(config.github)}
        />
        {config.allowRegistration && (
          <p className="foot">
            New here? <Link href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
          </p>
        )}
      </div>
    </main>
  );
}
