import type { EditorContext } from "@/lib/ai/editor-context";

/**
 * What a room's editor offers the assistant panel beside it: the open file and selection as chat
 * context, and edits that go through the shared document (so collaborators see them and undo works).
 */
export interface EditorBridge {
  /** The open file and selection now, or null when no file is open. */
  snapshot(): EditorContext | null;
  /** Called whenever the open file or selection changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Whether edits are allowed (false for viewers and when nothing is open). */
  canEdit(): boolean;
  insertAtCursor(text: string): void;
  replaceSelection(text: string): void;
}
