// Keeping the clerk's work: saving the draft to a file, and asking before it is replaced.
import { api, asError } from "./api";
import type { DraftFile } from "./bindings";
import { SAVE_BUTTONS, app, ask, draftDirty, draftJson, say } from "./state.svelte";

/** Saves the draft to its file (asking where the first time); whether it was saved. */
export async function saveDraft(): Promise<boolean> {
  if (!app.draft) return false;
  const d = $state.snapshot(app.draft) as DraftFile;
  try {
    const p = await api.saveDraft(d, app.path);
    if (!p) return false;
    app.path = p;
    app.savedJson = draftJson(d);
    say(`Đã lưu bản thảo: ${p}`);
    return true;
  } catch (e) {
    say(asError(e).message, "error");
    return false;
  }
}

/** Before the draft is replaced (`what`: «tạo bản thảo mới»…): when it has unsaved changes,
 * asks to save them. Whether to go on. The draft stays in «Bản thảo gần đây» either way. */
export async function keepWork(what: string): Promise<boolean> {
  if (!draftDirty()) return true;
  const a = await ask(
    "Bản thảo chưa lưu",
    `Bản thảo đang soạn có thay đổi chưa lưu thành tệp. Lưu trước khi ${what}?`,
    SAVE_BUTTONS,
    { detail: "Nếu không lưu, bản thảo vẫn còn trong «Bản thảo gần đây».", kind: "warning" },
  );
  if (a === "save") return saveDraft();
  return a === "discard";
}

/** `2024-03-05` → `05/03/2024` (the form the app shows); other text unchanged. */
export function showDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? "");
}

/** Today in the ISO form the draft stores (`2024-03-05`), by this computer's calendar. */
export function todayIso(): string {
  const t = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
}
