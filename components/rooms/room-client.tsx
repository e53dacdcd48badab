"use client";

import { RoomAssistant } from "@/components/chat/room-assistant";
import { RoomWorkspace, type RoomWorkspaceProps } from "./room-workspace";

/**
 * The room page's client entry. The Assistant tab is filled here (a render prop cannot cross from
 * the server page): the AI chat tied to this room, with the open editor as its context.
 */
export function RoomClient(props: Omit<RoomWorkspaceProps, "assistant">) {
  return <RoomWorkspace {...props} assistant={(bridge) => <RoomAssistant roomId={props.room.id} editor={bridge} />} />;
}
