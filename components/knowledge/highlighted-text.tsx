import { highlightSegments } from "@/lib/knowledge/highlight";

/** Text with the words of `query` wrapped in `<mark>`. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightSegments(text, query).map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}
