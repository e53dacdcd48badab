import { getCurrentTheme, requireUser } from "@/app/_server/session";
import { QueryProvider } from "@/components/providers/query-provider";
import { AppShell } from "@/components/shell/app-shell";
import type { ReactNode } from "react";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <QueryProvider>
      <AppShell user={user} theme={await getCurrentTheme()}>
        {children}
      </AppShell>
    </QueryProvider>
  );
}
