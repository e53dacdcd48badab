import { loadChatSetup } from "@/app/_server/chat-setup";
import { requireUser } from "@/app/_server/session";
import { ChatWorkspace } from "@/components/chat/chat-workspace";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Chat" };

export default async function NewChatPage() {
  await requireUser();
  return <ChatWorkspace conversationId={null} initialMessages={[]} setup={await loadChatSetup()} />;
}
