// Markup → editor → markup is identical for every built-in template and both samples: the
// document goes through the editor's own schema (Tiptap's StarterKit as the body editor sets
// it up), so that anything the editor would drop or change shows here.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { docToMarkup, markupToDoc } from "./markup";
import { editorExtensions } from "./editor";

const root = join(__dirname, "../../..");
const schema = getSchema(editorExtensions());

function roundTrip(body: string): string {
  const node = Node.fromJSON(schema, markupToDoc(body));
  node.check();
  return docToMarkup(node.toJSON());
}

function templateBodies(): [string, string][] {
  const dir = join(root, "templates");
  const out: [string, string][] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".toml"))) {
    const text = readFileSync(join(dir, f), "utf8");
    const m = /^body = (?:'''\n?([\s\S]*?)'''|"""\n?([\s\S]*?)"""|"((?:[^"\\]|\\.)*)")/m.exec(text);
    if (m) out.push([f, m[1] ?? m[2] ?? JSON.parse(`"${m[3]}"`)]);
  }
  return out;
}

test("every built-in template's body", () => {
  const bodies = templateBodies();
  expect(bodies.length).toBeGreaterThanOrEqual(15);
  for (const [name, body] of bodies) expect(roundTrip(body), name).toBe(body);
});

test("both samples' bodies", () => {
  for (const f of ["cong-van-lang-son-2023.json", "ke-hoach-binh-dinh-2023.json"]) {
    const body = JSON.parse(readFileSync(join(root, "samples", f), "utf8")).body as string;
    expect(body.length).toBeGreaterThan(200);
    expect(roundTrip(body), f).toBe(body);
  }
});

test("headings, dash items, emphasis, breaks and escapes", () => {
  const body = "# I. MỤC ĐÍCH\n\n## 1. Nội dung\n\n### a) Chi tiết\n\n- một **đậm**\n\n- hai *nghiêng*\n\nđoạn ***cả hai*** và \\* sao\ndòng hai\n\n\\- không phải gạch đầu dòng";
  expect(roundTrip(body)).toBe(body);
  const doc = markupToDoc(body);
  expect(doc.content?.map((b) => b.type)).toEqual(["heading", "heading", "heading", "bulletList", "paragraph", "paragraph"]);
  expect(doc.content?.[3].content?.length).toBe(2);
});

test("an empty body is one empty paragraph and back", () => {
  expect(roundTrip("")).toBe("");
});
