// App-wide state shared by the screens.
import type { AppInfo, DraftFile, Facts, ProfileStore } from "./bindings";

export type Tab = "compose" | "register" | "templates" | "settings";

export const app = $state({
  tab: "compose" as Tab,
  info: null as AppInfo | null,
  /** The rule sets' public facts: regimes, guides in force, types, signing forms, labels. */
  facts: null as Facts | null,
  profiles: null as ProfileStore | null,
  draft: null as DraftFile | null,
  /** The số dự kiến reserved for this draft, used when it is issued. */
  reserved: null as { id: number; symbol: string } | null,
  /** Where the draft was last saved or opened from. */
  path: null as string | null,
  /** A short message in the status bar. */
  status: "",
  statusKind: "info" as "info" | "error",
});

export function say(message: string, kind: "info" | "error" = "info") {
  app.status = message;
  app.statusKind = kind;
}
