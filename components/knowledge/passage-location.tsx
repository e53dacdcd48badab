/** Where a passage sits: page or line range, and its heading path. */
export function PassageLocation(props: {
  pageStart: number | null;
  pageEnd: number | null;
  lineStart: number | null;
  lineEnd: number | null;
  headingPath: string[];
}) {
  const { pageStart, pageEnd, lineStart, lineEnd, headingPath } = props;
  const range = (label: string, plural: string, start: number, end: number | null) =>
    end !== null && end !== start ? `${plural} ${start}–${end}` : `${label} ${start}`;
  return (
    <span className="kn-location" data-testid="passage-location">
      {pageStart !== null && <span>{range("page", "pages", pageStart, pageEnd)}</span>}
      {lineStart !== null && <span>{range("line", "lines", lineStart, lineEnd)}</span>}
      {headingPath.length > 0 && <span className="kn-heading-path">{headingPath.join(" › ")}</span>}
    </span>
  );
}
