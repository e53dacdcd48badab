import { requireUser } from "@/app/_server/session";
import { Dashboard } from "@/components/dashboard/dashboard";
import { isAdmin } from "@/lib/auth/roles";
import type { Metadata } from "next";
import { Suspense } from "react";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <Suspense>
      <Dashboard admin={isAdmin(user)} />
    </Suspense>
  );
}
