"use client";

import { useRef, useState } from "react";
import { dropPath, type DragItem } from "./file-tree-model";

/**
 * Drag and drop inside the file tree: rows are drag sources, folders (and the rows inside them)
 * are drop targets, "" is the room's top level. `over` is the folder a drop would land in.
 */
export function useTreeDrag(onDrop: (item: DragItem, path: string) => void) {
  const dragged = useRef<DragItem | null>(null);
  const [over, setOver] = useState<string | null>(null);

  const source = (item: DragItem) => ({
    draggable: true,
    onDragStart(event: React.DragEvent) {
      dragged.current = item;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.path);
    },
    onDragEnd() {
      dragged.current = null;
      setOver(null);
    },
  });

  const target = (folder: string) => ({
    onDragOver(event: React.DragEvent) {
      const item = dragged.current;
      if (!item || dropPath(item, folder) === null) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      setOver(folder);
    },
    onDrop(event: React.DragEvent) {
      const item = dragged.current;
      const path = item && dropPath(item, folder);
      if (!item || !path) return;
      event.preventDefault();
      event.stopPropagation();
      dragged.current = null;
      setOver(null);
      onDrop(item, path);
    },
  });

  return { source, target, over, clearOver: () => setOver(null) };
}
