// The draft's body markup (docs/spec/draft.md; the core's `vanthu::markup`) to and from the
// body editor's document (ProseMirror JSON of the Tiptap schema). The markup stays the file
// format: the editor shows it as paragraphs, headings, bulleted (dash) items, bold, italic and
// line breaks, and gives it back written the same way (a round trip is identical for the
// built-in templates and the samples: markup.test.ts).

/** A node of the editor's document (ProseMirror JSON). */
export type PMNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: { type: string }[];
};

type Run = { text: string; bold: boolean; italic: boolean } | "break";

/** Inline markup (`**bold**`, `*italic*`, `\*`, newlines) as the core reads it. */
export function parseInlines(s: string): Run[] {
  type Tok = { t: "text"; s: string } | { t: "strong" } | { t: "em" } | { t: "break" };
  const toks: Tok[] = [];
  let buf = "";
  const push = () => {
    if (buf) toks.push({ t: "text", s: buf });
    buf = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      const n = s[i + 1];
      if (n !== undefined && "*\\#-_".includes(n)) {
        buf += n;
        i++;
      } else buf += "\\";
    } else if (c === "*") {
      push();
      if (s[i + 1] === "*") {
        toks.push({ t: "strong" });
        i++;
      } else toks.push({ t: "em" });
    } else if (c === "\n") {
      push();
      toks.push({ t: "break" });
    } else buf += c;
  }
  push();
  // A marker opens only when a partner follows; an unmatched one is text.
  const strongAfter: number[] = new Array(toks.length + 1).fill(0);
  const emAfter: number[] = new Array(toks.length + 1).fill(0);
  for (let i = toks.length - 1; i >= 0; i--) {
    strongAfter[i] = strongAfter[i + 1] + (toks[i].t === "strong" ? 1 : 0);
    emAfter[i] = emAfter[i + 1] + (toks[i].t === "em" ? 1 : 0);
  }
  const out: Run[] = [];
  let bold = false;
  let italic = false;
  let text = "";
  const flush = () => {
    if (text) out.push({ text, bold, italic });
    text = "";
  };
  toks.forEach((t, i) => {
    if (t.t === "text") text += t.s;
    else if (t.t === "break") {
      flush();
      out.push("break");
    } else if (t.t === "strong") {
      if (bold || strongAfter[i + 1] > 0) {
        flush();
        bold = !bold;
      } else text += "**";
    } else if (italic || emAfter[i + 1] > 0) {
      flush();
      italic = !italic;
    } else text += "*";
  });
  flush();
  return out;
}

function inlineNodes(s: string): PMNode[] {
  return parseInlines(s).map((r) => {
    if (r === "break") return { type: "hardBreak" };
    const marks = [...(r.bold ? [{ type: "bold" }] : []), ...(r.italic ? [{ type: "italic" }] : [])];
    return marks.length ? { type: "text", text: r.text, marks } : { type: "text", text: r.text };
  });
}

const para = (type: string, s: string, attrs?: Record<string, unknown>): PMNode => {
  const content = inlineNodes(s);
  const n: PMNode = attrs ? { type, attrs } : { type };
  if (content.length) n.content = content;
  return n;
};

/** The body markup as the editor's document. */
export function markupToDoc(body: string): PMNode {
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (const raw of body.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else cur.push(line);
  }
  if (cur.length) blocks.push(cur);
  const content: PMNode[] = [];
  for (const lines of blocks) {
    const first = lines[0].trimStart();
    const m = /^(#{1,3}) /.exec(first);
    const rest = (head: string) => [head, ...lines.slice(1)].join("\n").trimEnd();
    if (m) {
      content.push(para("heading", rest(first.slice(m[0].length).trimStart()), { level: m[1].length }));
    } else if (first.startsWith("- ")) {
      const item: PMNode = { type: "listItem", content: [para("paragraph", rest(first.slice(2)))] };
      const last = content[content.length - 1];
      if (last?.type === "bulletList") last.content!.push(item);
      else content.push({ type: "bulletList", content: [item] });
    } else {
      content.push(para("paragraph", rest(first)));
    }
  }
  if (!content.length) content.push({ type: "paragraph" });
  return { type: "doc", content };
}

function escapeText(t: string): string {
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === "*") out += "\\*";
    else if (c === "\\" && (i + 1 === t.length || "*\\#-_".includes(t[i + 1]))) out += "\\\\";
    else out += c;
  }
  return out;
}

/** A paragraph's inline content as markup. */
function inlinesToMarkup(nodes: PMNode[] | undefined): string {
  let out = "";
  const open: ("**" | "*")[] = [];
  const closeAll = (keepBold: boolean, keepItalic: boolean) => {
    while (open.length) {
      const top = open[open.length - 1];
      if ((top === "**" && !keepBold) || (top === "*" && !keepItalic) || open.some((m, i) => i < open.length - 1 && ((m === "**" && !keepBold) || (m === "*" && !keepItalic)))) {
        out += open.pop();
      } else break;
    }
  };
  for (const n of nodes ?? []) {
    if (n.type === "hardBreak") {
      closeAll(false, false);
      out += "\n";
      continue;
    }
    if (n.type !== "text" || !n.text) continue;
    const bold = !!n.marks?.some((m) => m.type === "bold");
    const italic = !!n.marks?.some((m) => m.type === "italic");
    closeAll(bold, italic);
    if (bold && !open.includes("**")) {
      open.push("**");
      out += "**";
    }
    if (italic && !open.includes("*")) {
      open.push("*");
      out += "*";
    }
    out += escapeText(n.text);
  }
  closeAll(false, false);
  return out;
}

/** Escapes a paragraph whose text would read as a heading or a dash item. */
function guardStart(s: string): string {
  return /^(#{1,3} |- )/.test(s) ? "\\" + s : s;
}

/** The editor's document as body markup: blocks separated by one blank line. */
export function docToMarkup(doc: PMNode): string {
  const out: string[] = [];
  for (const b of doc.content ?? []) {
    if (b.type === "heading") {
      const level = Math.min(3, Math.max(1, Number(b.attrs?.level ?? 1)));
      out.push("#".repeat(level) + " " + inlinesToMarkup(b.content));
    } else if (b.type === "bulletList" || b.type === "orderedList") {
      for (const item of b.content ?? []) {
        const paras = (item.content ?? []).map((p) => inlinesToMarkup(p.content)).filter((t) => t !== "");
        out.push("- " + paras.join("\n"));
      }
    } else {
      const t = inlinesToMarkup(b.content);
      if (t.trim() !== "") out.push(guardStart(t));
    }
  }
  return out.join("\n\n");
}
