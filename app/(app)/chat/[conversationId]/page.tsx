import { getDb } from "@/app/_server/runtime";
import { loadChatSetup } from "@/app/_server/chat-setup";
import { requireUser } from "@/app/_server/session";
import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { loadMessages, toUIMessages } from "@/lib/chat";
import { isAppError } from "@/lib/errors/app-error";
import { idSchema } from "@/lib/forms/input";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Chat" };

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const user = await requireUser();
  const id = idSchema.safeParse((await params).conversationId);
  if (!id.success) notFound();
  const messages = await loadMessages(await getDb(), user.id, id.data).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return <ChatWorkspace conversationId={id.data} initialMessages={toUIMessages(messages)} setup={await loadChatSetup()} />;
}
