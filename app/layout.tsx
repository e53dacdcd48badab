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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
