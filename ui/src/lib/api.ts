// Typed calls of the app's Tauri commands. Every type comes from the Rust side (bindings.ts).
import { invoke } from "@tauri-apps/api/core";
import type {
  AppError, AppInfo, AppSettings, DraftFile, Exported, RecentDraft, SavedDraft, Facts, Finding, IssuedNumber, OpenedDraft, Preview,
  ProfileStore, Regime, RegisterEntry, RegisterPage, RegisterForm, RegisterQuery, RegisterSettings, RegisterSummary, RuleFacts,
  ServerCheck, ServerSettings, TemplateInfo,
} from "./bindings";

/** Normalises whatever a command threw into the app's `{code, message, fields}` error. */
export function asError(e: unknown): AppError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const o = e as AppError;
    return { code: o.code, message: o.message, fields: o.fields ?? [] };
  }
  return { code: "internal", message: "Lỗi không mong đợi: " + String(e), fields: [] };
}

function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(cmd, args).catch((e) => Promise.reject(asError(e)));
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  rulesFacts: () => call<Facts>("rules_facts"),
  newDraft: (kind: string) => call<DraftFile>("new_draft", { kind }),
  preview: (draft: DraftFile) => call<Preview>("preview", { draft }),
  openDraft: () => call<OpenedDraft | null>("open_draft"),
  saveDraft: (draft: DraftFile, path: string | null) => call<string | null>("save_draft", { draft, path }),
  exportDocx: (draft: DraftFile) => call<Exported | null>("export_docx", { draft }),
  exportPdf: (draft: DraftFile) => call<Exported | null>("export_pdf", { draft }),
  openPath: (path: string, folder: boolean) => call<void>("open_path", { path, folder }),
  autosave: (draft: DraftFile, id: string) => call<void>("autosave", { draft, id }),
  restoreAutosave: () => call<SavedDraft | null>("restore_autosave"),
  recentDrafts: () => call<RecentDraft[]>("recent_drafts"),
  openRecent: (id: string) => call<SavedDraft>("open_recent", { id }),
  parseDate: (field: string, text: string) => call<string | null>("parse_date", { field, text }),
  settingsLoad: () => call<AppSettings>("settings_load"),
  settingsSave: (settings: AppSettings) => call<AppSettings>("settings_save", { settings }),
  profilesLoad: () => call<ProfileStore>("profiles_load"),
  profilesSave: (profiles: ProfileStore) => call<ProfileStore>("profiles_save", { profiles }),
  registerList: (query: RegisterQuery) => call<RegisterPage>("register_list", { query }),
  registerEntry: (id: number) => call<RegisterEntry>("register_entry", { id }),
  registerIssue: (draft: DraftFile, reserveOnly: boolean, reserved: number | null) =>
    call<IssuedNumber>("register_issue", { draft, reserveOnly, reserved }),
  registerCancel: (id: number, reason: string) => call<void>("register_cancel", { id, reason }),
  registerOpenDocx: (id: number) => call<string>("register_open_docx", { id }),
  registerAttach: (id: number) => call<string | null>("register_attach", { id }),
  registerExport: (format: "xlsx" | "csv" | "docx", register: string | null, year: number | null) =>
    call<string | null>("register_export", { format, register, year }),
  registerCreate: (form: RegisterForm) => call<void>("register_create", { form }),
  registersList: () => call<RegisterSummary[]>("registers_list"),
  registerSettingsLoad: () => call<RegisterSettings>("register_settings_load"),
  registerSettingsSave: (settings: RegisterSettings, password: string | null) =>
    call<RegisterSettings>("register_settings_save", { settings, password }),
  registerServerCheck: (server: ServerSettings, password: string | null) =>
    call<ServerCheck>("register_server_check", { server, password }),
  registerAddTerm: (register: string, label: string, start: string, end: string) =>
    call<void>("register_add_term", { register, label, start, end }),
  templatesList: () => call<TemplateInfo[]>("templates_list"),
  templateFill: (id: string, values: Record<string, string>) => call<DraftFile>("template_fill", { id, values }),
  lintCheck: (draft: DraftFile) => call<Finding[]>("lint_check", { draft }),
  lintFix: (draft: DraftFile, finding: Finding) => call<DraftFile | null>("lint_fix", { draft, finding }),
};

/** Field path → Vietnamese message (the first one for each field). */
export function byField(list: { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of list) if (!(f.field in out)) out[f.field] = f.message;
  return out;
}

/** Calls `fn` once `ms` have passed without another call. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    if (t) clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

/** The rule set a draft follows: the one the preview named, else its regime's in force today. */
export function ruleSet(facts: Facts | null, regime: Regime | null | undefined, rulesId?: string | null): RuleFacts | null {
  if (!facts) return null;
  const byId = rulesId ? facts.rule_sets.find((r) => r.id === rulesId && r.regime === regime) : undefined;
  if (byId) return byId;
  const current = facts.regimes.find((r) => r.regime === regime)?.rules_id;
  return facts.rule_sets.find((r) => r.id === current) ?? null;
}

/** How the app names a regime (`Đảng`), from the rule sets. */
export function regimeLabel(facts: Facts | null, regime: Regime | null | undefined): string {
  return facts?.regimes.find((r) => r.regime === regime)?.label ?? "";
}

/** Reports a measurement to `make bench` (a no-op unless the app runs under VANTHU_BENCH). */
export const benchMark = (name: string, value: number) => invoke<void>("bench_mark", { name, value }).catch(() => {});
