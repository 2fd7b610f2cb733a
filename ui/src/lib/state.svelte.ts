// App-wide state shared by the screens.
import type { AppInfo, AppSettings, DraftFile, Facts, ProfileStore } from "./bindings";

export type Tab = "compose" | "register" | "templates" | "settings";

export const app = $state({
  tab: "compose" as Tab,
  info: null as AppInfo | null,
  /** The rule sets' public facts: regimes, guides in force, types, signing forms, labels. */
  facts: null as Facts | null,
  profiles: null as ProfileStore | null,
  /** The app's own settings: the user's name, first start answered. */
  settings: null as AppSettings | null,
  draft: null as DraftFile | null,
  /** The id of the draft's autosave file (`drafts/<id>.vanthu` in the data folder). */
  draftId: newDraftId(),
  /** The draft as last saved to, opened from or created (JSON): unsaved changes differ from it. */
  savedJson: "",
  /** The số dự kiến reserved for this draft, used when it is issued. */
  reserved: null as { id: number; symbol: string } | null,
  /** Where the draft was last saved or opened from. */
  path: null as string | null,
  /** A short message in the status bar. */
  status: "",
  statusKind: "info" as "info" | "error",
  /** Whether the Cài đặt screen has profile edits not saved yet. */
  settingsDirty: false,
});

/** A fresh id for a draft's autosave file. */
export function newDraftId(): string {
  return `d${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The draft as JSON, for comparing with `app.savedJson`. */
export const draftJson = (d: DraftFile | null) => (d ? JSON.stringify(d) : "");

/** Whether the draft has changes not saved to a file. */
export function draftDirty(): boolean {
  return !!app.draft && draftJson(app.draft) !== app.savedJson;
}

/** Makes `d` the draft being written (a new one, one opened or made from a template). */
export function setDraft(d: DraftFile, opts: { path?: string | null; id?: string; saved?: boolean } = {}) {
  app.draft = d;
  app.path = opts.path ?? null;
  app.draftId = opts.id ?? newDraftId();
  app.reserved = null;
  app.savedJson = opts.saved === false ? "" : draftJson(d);
}

export function say(message: string, kind: "info" | "error" = "info") {
  app.status = message;
  app.statusKind = kind;
}

/** A button of the app's dialog. */
export type DialogButton = { id: string; label: string; primary?: boolean };

/** The answers to "unsaved changes: save them?": `save`, `discard`, `cancel`. */
export const SAVE_BUTTONS: DialogButton[] = [
  { id: "save", label: "Lưu", primary: true },
  { id: "discard", label: "Không lưu" },
  { id: "cancel", label: "Hủy" },
];

/** The app's one modal dialog (questions and confirmations). */
export const dialog = $state({
  open: false,
  title: "",
  message: "",
  detail: "",
  kind: "info" as "info" | "warning",
  buttons: [] as DialogButton[],
  resolve: null as ((id: string | null) => void) | null,
});

/** Shows the dialog; resolves with the id of the button pressed, `null` on Esc. */
export function ask(
  title: string,
  message: string,
  buttons: DialogButton[],
  opts: { detail?: string; kind?: "info" | "warning" } = {},
): Promise<string | null> {
  dialog.resolve?.(null);
  return new Promise((resolve) => {
    Object.assign(dialog, {
      open: true, title, message, buttons, detail: opts.detail ?? "", kind: opts.kind ?? "info",
      resolve: (id: string | null) => {
        dialog.open = false;
        dialog.resolve = null;
        resolve(id);
      },
    });
  });
}
