// The article text with each evidence span wrapped in <mark>, built from text nodes only.

// Spans index the document text; if an offset drifted (text re-cleaned), fall back to finding
// the span's own text, so the highlight still lands on the right words.
export function locateSpans(text, spans) {
  const located = [];
  for (const span of spans) {
    let { start, end } = span;
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end;
    if (!valid || (span.text && text.slice(start, end) !== span.text)) {
      const found = span.text ? text.indexOf(span.text) : -1;
      if (found < 0) continue;
      start = found;
      end = found + span.text.length;
    }
    located.push([start, end]);
  }
  located.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [start, end] of located) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function renderEvidence(container, text, spans) {
  let cursor = 0;
  for (const [start, end] of locateSpans(text, spans)) {
    if (start > cursor) container.append(document.createTextNode(text.slice(cursor, start)));
    const mark = document.createElement("mark");
    mark.className = "evidence";
    mark.append(document.createTextNode(text.slice(start, end)));
    container.append(mark);
    cursor = end;
  }
  if (cursor < text.length) container.append(document.createTextNode(text.slice(cursor)));
}
