import { requireUser } from "@/app/_server/session";
import { MembersPanel } from "@/components/rooms/members-panel";
import type { Metadata } from "next";
import Link from "next/link";
import {
  changeMemberRoleAction,
  deleteRoomAction,
  inviteMemberAction,
  leaveRoomAction,
  removeMemberAction,
  updateRoomAction,
} from "../../actions";
import { loadRoomOr404 } from "../../load-room";
import { loadWebhookPanel, webhookActions } from "@/app/_server/webhooks";
import { WebhookPanel } from "@/components/webhooks/webhook-panel";

export const metadata: Metadata = { title: "Room members" };

export default async function RoomMembersPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const user = await requireUser();
  const room = await loadRoomOr404(roomId, user.id);
  const webhooks = room.role === "owner" ? await loadWebhookPanel(user, room.id) : null;
  return (
    <>
      <div className="page-head">
        <p>
          <Link href="/rooms">Rooms</Link> / <Link href={`/rooms/${room.id}`}>{room.name}</Link>
        </p>
        <h1>Members and settings</h1>
      </div>
      <MembersPanel
        currentUserId={user.id}
        room={{ id: room.id, name: room.name, description: room.description, role: room.role }}
        members={room.members.map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role }))}
        actions={{
          invite: inviteMemberAction,
          changeRole: changeMemberRoleAction,
          remove: removeMemberAction,
          leave: leaveRoomAction,
          update: updateRoomAction,
          deleteRoom: deleteRoomAction,
        }}
      >
        {webhooks && (
          <section className="card" aria-labelledby="room-webhooks-heading">
            <h2 id="room-webhooks-heading">Webhooks</h2>
            <p className="muted">Endpoints here receive this room&apos;s events; the instance&apos;s admins may also send events to their own endpoints.</p>
            <WebhookPanel {...webhooks} actions={webhookActions} />
          </section>
        )}
      </MembersPanel>
    </>
  );
}
