"use client";

import { RoomWorkspace, type RoomWorkspaceProps } from "./room-workspace";

/**
 * The room page's client entry. The Assistant tab is filled here (a render prop cannot cross from
 * the server page): pass `assistant={(bridge) => <RoomAssistant roomId={props.room.id} editor={bridge} />}`.
 */
export function RoomClient(props: Omit<RoomWorkspaceProps, "assistant">) {
  return <RoomWorkspace {...props} />;
}
