// @vitest-environment happy-dom
// Paste from Word or a web page: the editor's schema keeps paragraphs, headings, bulleted
// items, bold and italic, and drops the rest (tables' frames, links, colours, fonts, underline).
import { expect, test } from "vitest";
import { getSchema } from "@tiptap/core";
import { DOMParser } from "@tiptap/pm/model";
import { docToMarkup, type PMNode } from "./markup";
import { cleanPastedHtml, editorExtensions } from "./editor";

const schema = getSchema(editorExtensions());

function paste(html: string): string {
  const el = document.createElement("div");
  el.innerHTML = cleanPastedHtml(html);
  return docToMarkup(DOMParser.fromSchema(schema).parse(el).toJSON() as PMNode);
}

test("Word's HTML keeps paragraphs, bold and italic", () => {
  const word = `<p class=MsoNormal style='text-align:justify;text-indent:1cm'><span style='font-size:14.0pt;font-family:"Times New Roman"'>Sở đề nghị <b>các phòng</b> thực hiện <i>nghiêm túc</i>.<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-weight:bold'>Đậm theo kiểu</span> và <span style='font-style:italic'>nghiêng theo kiểu</span>.</p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>-<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span>Mục một</p>`;
  expect(paste(word)).toBe(
    "Sở đề nghị **các phòng** thực hiện *nghiêm túc*.\n\n**Đậm theo kiểu** và *nghiêng theo kiểu*.\n\n- Mục một",
  );
});

test("a web page keeps headings and list items and drops links, colours and underline", () => {
  const web = `<h2>1. Mục tiêu</h2><p>Xem <a href="https://example.org">trang này</a>, <u>gạch chân</u>, <span style="color:red">màu</span><br>dòng hai</p><ul><li>một</li><li><strong>hai</strong></li></ul><table><tr><td>ô</td></tr></table>`;
  expect(paste(web)).toBe("## 1. Mục tiêu\n\nXem trang này, gạch chân, màu\ndòng hai\n\n- một\n\n- **hai**\n\nô");
});
