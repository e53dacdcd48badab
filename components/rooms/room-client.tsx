"use client";

import dynamic from "next/dynamic";
import { RoomWorkspace, type RoomWorkspaceProps } from "./room-workspace";

// The assistant (AI SDK client, Markdown) loads when its tab is first opened, not with the room page.
const RoomAssistant = dynamic(() => import("@/components/chat/room-assistant").then((m) => m.RoomAssistant), {
  ssr: false,
  loading: () => <p className="muted side-empty">Loading the assistant…</p>,
});

/**
 * The room page's client entry. The Assistant tab is filled here (a render prop cannot cross from
 * the server page): the AI chat tied to this room, with the open editor as its context.
 */
export function RoomClient(props: Omit<RoomWorkspaceProps, "assistant">) {
  return <RoomWorkspace {...props} assistant={(bridge) => <RoomAssistant roomId={props.room.id} editor={bridge} />} />;
}
