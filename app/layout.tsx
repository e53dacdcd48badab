import { getCurrentTheme } from "@/app/_server/session";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page carries a per-response CSP nonce (proxy.ts) that Next stamps on its scripts while
// rendering; a page prerendered at build time would have none and its scripts would be blocked.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Elite Coding Assistant", template: "%s · Elite Coding Assistant" },
  description: "A self-hosted workspace for writing code together with an AI assistant.",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered into <html> so the first paint already has the user's theme (no flash, no script).
  return (
    <html lang="en" data-theme={await getCurrentTheme()}>
      <body>{children}</body>
    </html>
  );
}
