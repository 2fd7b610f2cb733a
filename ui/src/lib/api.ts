// Typed calls of the app's Tauri commands. Every type comes from the Rust side (bindings.ts).
import { invoke } from "@tauri-apps/api/core";
import type {
  AppError, AppInfo, DraftFile, Finding, IssuedNumber, KindInfo, OpenedDraft, Preview,
  ProfileStore, Regime, RegisterEntry, RegisterPage, RegisterForm, RegisterQuery, RegisterSummary, TemplateInfo,
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
  kinds: (regime: Regime) => call<KindInfo[]>("kinds", { regime }),
  newDraft: (kind: string) => call<DraftFile>("new_draft", { kind }),
  preview: (draft: DraftFile) => call<Preview>("preview", { draft }),
  openDraft: () => call<OpenedDraft | null>("open_draft"),
  saveDraft: (draft: DraftFile, path: string | null) => call<string | null>("save_draft", { draft, path }),
  exportDocx: (draft: DraftFile) => call<string | null>("export_docx", { draft }),
  exportPdf: (draft: DraftFile) => call<string | null>("export_pdf", { draft }),
  autosave: (draft: DraftFile) => call<void>("autosave", { draft }),
  restoreAutosave: () => call<DraftFile | null>("restore_autosave"),
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
  registerAddTerm: (register: string, label: string, start: string, end: string) =>
    call<void>("register_add_term", { register, label, start, end }),
  templatesList: () => call<TemplateInfo[]>("templates_list"),
  templateFill: (id: string, values: Record<string, string>) => call<DraftFile>("template_fill", { id, values }),
  lintCheck: (draft: DraftFile) => call<Finding[]>("lint_check", { draft }),
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

export const REGIMES: { value: Regime; label: string }[] = [
  { value: "state", label: "Nhà nước (Nghị định 30/2020/NĐ-CP)" },
  { value: "party", label: "Đảng (Hướng dẫn 36-HD/VPTW)" },
];

export const AUTHORITIES = [
  { value: "", label: "Ký trực tiếp" },
  { value: "TM", label: "TM. – thay mặt" },
  { value: "KT", label: "KT. – ký thay" },
  { value: "TL", label: "TL. – thừa lệnh" },
  { value: "TUQ", label: "TUQ. – thừa ủy quyền" },
  { value: "Q", label: "Q. – quyền" },
];

export const URGENCIES = [
  { value: "", label: "Không" },
  { value: "khan", label: "Khẩn" },
  { value: "thuong-khan", label: "Thượng khẩn" },
  { value: "hoa-toc", label: "Hỏa tốc" },
];

export const SECRECIES = [
  { value: "", label: "Không" },
  { value: "mat", label: "Mật" },
  { value: "toi-mat", label: "Tối mật" },
  { value: "tuyet-mat", label: "Tuyệt mật" },
];

/** Reports a measurement to `make bench` (a no-op unless the app runs under VANTHU_BENCH). */
export const benchMark = (name: string, value: number) => invoke<void>("bench_mark", { name, value }).catch(() => {});
