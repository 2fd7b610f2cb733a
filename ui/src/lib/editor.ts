// The body editor's Tiptap set-up: paragraphs, headings 1–3, bulleted items, bold, italic and
// line breaks — what the body markup can hold. Anything else pasted (tables, links, colours,
// underline, numbered lists' numbers) is dropped by the schema.
import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

/** The extensions of the body editor (also the schema of the round-trip test). */
export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: false,
      orderedList: false,
      dropcursor: false,
      gapcursor: false,
      trailingNode: false,
    }),
  ];
}

/** Word's pasted HTML with its list paragraphs (`mso-list`, the bullet drawn as text) made
 * into list items, so that a pasted bulleted list becomes dash items. Other HTML is unchanged. */
export function cleanPastedHtml(html: string): string {
  if (!html.includes("mso-list")) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const el of [...doc.querySelectorAll("[style*='mso-list']")]) {
    if (/mso-list:\s*ignore/i.test(el.getAttribute("style") ?? "")) el.remove();
  }
  for (const p of [...doc.querySelectorAll("p[style*='mso-list']")]) {
    const ul = doc.createElement("ul");
    const li = doc.createElement("li");
    const inner = doc.createElement("p");
    inner.innerHTML = p.innerHTML.replace(/^(\s|&nbsp;|\u00a0)+/, "");
    li.appendChild(inner);
    ul.appendChild(li);
    p.replaceWith(ul);
  }
  return doc.body.innerHTML;
}
