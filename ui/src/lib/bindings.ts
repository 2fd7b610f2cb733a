// Generated from the Rust types by `cargo test -p vanthu-app bindings` (ts-rs). Do not edit.

export type ErrorCode = "required" | "invalid_date" | "unknown_kind" | "unknown_field" | "too_long" | "out_of_range" | "not_allowed" | "invalid_value" | "invalid_type" | "parse" | "invalid" | "too_large" | "io" | "rules" | "unknown_rules" | "rules_regime" | "render" | "convert" | "not_a_draft" | "missing_font" | "unknown_register" | "register_required" | "no_register" | "duplicate_register" | "unknown_entry" | "no_term" | "term_overlap" | "reason_required" | "wrong_status" | "mismatch" | "date_out_of_order" | "invalid_draft" | "draft_incomplete" | "invalid_argument" | "bad_query" | "corrupt_database" | "not_a_register" | "schema_too_new" | "export" | "database" | "migration" | "no_docx" | "restore_loses_entries" | "future_date" | "no_database" | "server_unavailable" | "permission_denied" | "unknown_location" | "not_supported" | "target_not_empty" | "output_is_input" | "wrong_extension" | "invalid_char" | "template_budget" | "template_not_found" | "template_syntax" | "template_forbidden" | "template_undefined" | "template_render" | "template_format" | "template_builtin" | "template_exists" | "template_name" | "no_data_dir" | "profiles_corrupt" | "open_failed" | "not_available" | "internal";

export type Regime = "state" | "party";

export type Form = "letter" | "titled" | "decision";

export type FieldUse = "required" | "optional" | "none";

export type Period = "year" | "term";

export type Choice = { 
/**
 * The value stored in the draft (`""` for none).
 */
value: string, 
/**
 * What the clerk reads.
 */
label: string, };

export type KindFacts = { 
/**
 * Slug stored in drafts (`cong-van`).
 */
slug: string, 
/**
 * Vietnamese name (`Công văn`).
 */
name: string, 
/**
 * Layout family.
 */
form: Form, 
/**
 * Whether it has a trích yếu.
 */
subject: FieldUse, 
/**
 * Whether it has a Kính gửi block.
 */
recipients: FieldUse, 
/**
 * The label of its subject field (`Về việc (in sau «V/v»)`).
 */
subject_label: string, };

export type NumberingFacts = { 
/**
 * When numbers restart.
 */
period: Period, 
/**
 * One sequence per type.
 */
per_kind: boolean, 
/**
 * The scheme in a few words (`Theo năm, một dãy số chung`).
 */
label: string, 
/**
 * The rule in one sentence.
 */
note: string, };

export type RuleFacts = { 
/**
 * Its id (`hd36-2018`).
 */
id: string, 
/**
 * Its regime.
 */
regime: Regime, 
/**
 * Its regime as the app names it (`Đảng`).
 */
regime_label: string, 
/**
 * Its source in full.
 */
title: string, 
/**
 * Its short name (`Hướng dẫn 36-HD/VPTW`).
 */
guide: string, 
/**
 * First day it applies, `dd/mm/yyyy`.
 */
in_force_from: string, 
/**
 * Whether it is the one in force today for its regime.
 */
current: boolean, 
/**
 * Its document types.
 */
kinds: Array<KindFacts>, 
/**
 * The signing forms it allows, `Ký trực tiếp` first.
 */
authorities: Array<Choice>, 
/**
 * Its registers' numbering.
 */
numbering: NumberingFacts, 
/**
 * Whether its registers number per committee term (terms are then needed).
 */
uses_terms: boolean, 
/**
 * The label of the archive field (`Lưu (in sau «Lưu:»)`).
 */
archive_label: string, };

export type RegimeFacts = { 
/**
 * The regime.
 */
regime: Regime, 
/**
 * Its name (`Đảng`).
 */
label: string, 
/**
 * The id of the rule set in force today.
 */
rules_id: string, 
/**
 * Name and guide, for a select box: `Đảng (Hướng dẫn 36-HD/VPTW)`.
 */
title: string, };

export type Facts = { 
/**
 * The regimes, each with its guide in force.
 */
regimes: Array<RegimeFacts>, 
/**
 * Every rule set.
 */
rule_sets: Array<RuleFacts>, 
/**
 * The urgency marks (`Không` first).
 */
urgencies: Array<Choice>, 
/**
 * The secrecy marks (`Không` first).
 */
secrecies: Array<Choice>, };

export type IssuerFile = { 
/**
 * Governing body (cơ quan chủ quản).
 */
parent?: string | null, 
/**
 * Issuing body.
 */
name?: string | null, 
/**
 * Its abbreviation in the symbol.
 */
code?: string | null, };

export type SignerFile = { 
/**
 * `TM`, `KT`, `TL`, `TUQ`, `Q` or null.
 */
authority?: string | null, 
/**
 * The collective or head signed for.
 */
on_behalf_of?: string | null, 
/**
 * The signer's title.
 */
title?: string | null, 
/**
 * The signer's full name.
 */
name?: string | null, };

export type DraftFile = { format?: string | null, regime?: string | null, kind?: string | null, issuer?: IssuerFile | null, unit_code?: string | null, number?: number | null, place?: string | null, date?: string | null, year?: number | null, urgency?: string | null, secrecy?: string | null, circulation?: string | null, subject?: string | null, recipients?: Array<string>, body?: string | null, signer?: SignerFile | null, cc?: Array<string>, archive?: string | null, drafter?: string | null, copies?: number | null, attachments?: Array<string>, authority_line?: string | null, bases?: Array<string>, proposal?: string | null, countersigner?: SignerFile | null, status?: string | null, };

export type ProfileSigner = { 
/**
 * `TM`, `KT`, `TL`, `TUQ`, `Q` or none.
 */
authority: string | null, 
/**
 * The collective or head signed for.
 */
on_behalf_of: string | null, 
/**
 * Title.
 */
title: string, 
/**
 * Full name.
 */
name: string, };

export type Unit = { 
/**
 * Abbreviation (`QLVHGĐ`).
 */
code: string, 
/**
 * Full name.
 */
name: string, };

export type Profile = { 
/**
 * Regime of the documents it issues.
 */
regime: Regime, 
/**
 * Governing body.
 */
parent: string | null, 
/**
 * Issuing body.
 */
name: string, 
/**
 * Its abbreviation.
 */
code: string, 
/**
 * Địa danh.
 */
place: string, 
/**
 * Drafting units.
 */
units: Array<Unit>, 
/**
 * Signers, the usual one first.
 */
signers: Array<ProfileSigner>, 
/**
 * Usual Kính gửi entries.
 */
recipients: Array<string>, 
/**
 * Usual Nơi nhận entries.
 */
cc: Array<string>, 
/**
 * The archive entry (`VT`, `Văn phòng Tỉnh ủy`).
 */
archive: string | null, };

export type ProfileStore = { 
/**
 * Index of the profile in use.
 */
active: number, 
/**
 * The profiles.
 */
profiles: Array<Profile>, };

export type AppSettings = { 
/**
 * The person using the app ("Người dùng"), recorded in the register's history.
 */
user_name: string, 
/**
 * The first-start invitation to replace the sample organisation was answered.
 */
welcomed: boolean, };

export type FieldMessage = { 
/**
 * Dotted path of the field, as the core names it (`recipients[1]`, `issuer.code`).
 */
field: string, 
/**
 * Stable code (`required`, `invalid_date`, …).
 */
code: ErrorCode, 
/**
 * The message shown next to the field, in Vietnamese.
 */
message: string, };

export type AppError = { 
/**
 * Stable machine-readable code.
 */
code: ErrorCode, 
/**
 * A Vietnamese message for the clerk.
 */
message: string, 
/**
 * Field-level messages, shown next to the fields (empty when not about fields).
 */
fields: Array<FieldMessage>, };

export type AppInfo = { 
/**
 * The app's version.
 */
version: string, 
/**
 * Where profiles and autosaved drafts live.
 */
data_dir: string, 
/**
 * The register of outgoing documents is in this build.
 */
register_available: boolean, 
/**
 * Templates are in this build.
 */
templates_available: boolean, 
/**
 * The text checker is in this build.
 */
lint_available: boolean, 
/**
 * `make bench` is measuring this run (`VANTHU_BENCH` is set): the UI reports its timings.
 */
bench: boolean, };

export type Preview = { 
/**
 * The A4 pages as HTML, or `None` when even placeholders cannot make the draft valid.
 */
html: string | null, 
/**
 * Number of pages.
 */
pages: number, 
/**
 * The number and symbol line as it will print (`Số: 05/SVHTTDL-QLVHGĐ`).
 */
symbol: string, 
/**
 * The rule set the draft follows (`hd36-2018`), once its regime is known.
 */
rules_id: string | null, 
/**
 * What is still wrong, field by field, in Vietnamese.
 */
errors: Array<FieldMessage>, };

export type OpenedDraft = { 
/**
 * Where it was read from.
 */
path: string, 
/**
 * Its content (not yet validated: the form shows what is wrong).
 */
draft: DraftFile, };

export type Exported = { 
/**
 * Where it was written.
 */
path: string, 
/**
 * Its folder.
 */
folder: string, 
/**
 * Whether the document had its number (an unnumbered one is a dự thảo).
 */
numbered: boolean, };

export type RecentDraft = { 
/**
 * Its id (the autosave file's name).
 */
id: string, 
/**
 * Its trích yếu, or its type's name.
 */
title: string, 
/**
 * The symbol, when it has a number.
 */
number: number | null, 
/**
 * When it was last changed, `dd/mm/yyyy HH:MM`.
 */
modified: string, };

export type SavedDraft = { 
/**
 * Its id.
 */
id: string, 
/**
 * Its content.
 */
draft: DraftFile, };

export type RegisterQuery = { 
/**
 * Words to find, with or without accents (`ke hoach tuyen truyen`); the last is a prefix.
 */
text: string, 
/**
 * Register code (all registers when unset).
 */
register: string | null, 
/**
 * Year of the document's date.
 */
year: number | null, 
/**
 * Kind slug.
 */
kind: string | null, 
/**
 * `issued`, `reserved` or `cancelled`.
 */
status: string | null, 
/**
 * First row wanted.
 */
offset: number, 
/**
 * How many rows.
 */
limit: number, };

export type RegisterRow = { 
/**
 * Entry id.
 */
id: number, 
/**
 * Register code.
 */
register: string, 
/**
 * Number in its sequence.
 */
number: number, 
/**
 * Full symbol (`05/SVHTTDL-QLVHGĐ`).
 */
symbol: string, 
/**
 * Date as printed in the table, `dd/mm/yyyy`.
 */
date: string, 
/**
 * Kind name (`Công văn`).
 */
kind: string, 
/**
 * Trích yếu.
 */
subject: string, 
/**
 * Signer's name.
 */
signer: string, 
/**
 * Recipients, joined.
 */
recipients: string, 
/**
 * `issued`, `reserved` or `cancelled`.
 */
status: string, 
/**
 * The status in Vietnamese.
 */
status_label: string, };

export type RegisterPage = { 
/**
 * Rows matching the query in all (counted on the first page only).
 */
total: number | null, 
/**
 * The rows of this page.
 */
rows: Array<RegisterRow>, };

export type RegisterEntry = { 
/**
 * The row.
 */
row: RegisterRow, 
/**
 * The draft as issued (none for a reserved number).
 */
draft: DraftFile | null, 
/**
 * Whether the issued DOCX is stored.
 */
has_docx: boolean, 
/**
 * Why it was cancelled, if it was.
 */
cancel_reason: string | null, 
/**
 * Đơn vị, người nhận bản lưu.
 */
archive: string, 
/**
 * Ghi chú.
 */
note: string, 
/**
 * Attached files (the signed scan, the PDF).
 */
files: Array<AttachedFile>, 
/**
 * Every change, oldest first.
 */
history: Array<HistoryLine>, };

export type AttachedFile = { 
/**
 * File id.
 */
id: number, 
/**
 * Its name.
 */
name: string, 
/**
 * Size, as shown (`12 KB`).
 */
size: string, };

export type HistoryLine = { 
/**
 * When, `dd/mm/yyyy HH:MM` local time.
 */
at: string, 
/**
 * Who.
 */
actor: string, 
/**
 * What, in Vietnamese.
 */
action: string, };

export type IssuedNumber = { 
/**
 * Entry id.
 */
id: number, 
/**
 * The number.
 */
number: number, 
/**
 * The symbol as printed.
 */
symbol: string, 
/**
 * `issued` or `reserved`.
 */
status: string, 
/**
 * The draft with its number and date filled in.
 */
draft: DraftFile, };

export type RegisterSummary = { 
/**
 * Code (`svhttdl`).
 */
code: string, 
/**
 * Name.
 */
name: string, 
/**
 * Regime.
 */
regime: Regime, 
/**
 * The regime as the app names it (`Đảng`).
 */
regime_label: string, 
/**
 * Whether it numbers per committee term (a term must cover the date).
 */
uses_terms: boolean, 
/**
 * Issuer code every document in it carries.
 */
issuer_code: string, 
/**
 * How its numbers run, in Vietnamese.
 */
numbering: string, 
/**
 * Whether it is a register of văn bản mật.
 */
secret: boolean, 
/**
 * Its committee terms (Party registers), `label: dd/mm/yyyy – dd/mm/yyyy`.
 */
terms: Array<string>, };

export type RegisterForm = { 
/**
 * Short code (`svhttdl`, `mat`).
 */
code: string, 
/**
 * Name (`Sổ đăng ký văn bản đi` when empty).
 */
name: string, 
/**
 * The profile's regime.
 */
regime: Regime, 
/**
 * The profile's governing body.
 */
parent: string | null, 
/**
 * The profile's issuing body.
 */
issuer_name: string, 
/**
 * Its abbreviation.
 */
issuer_code: string, 
/**
 * One sequence per document type instead of one common sequence.
 */
per_kind: boolean, 
/**
 * A register of văn bản mật.
 */
secret: boolean, };

export type Engine = "file" | "server";

export type ServerSettings = { 
/**
 * Host name or IP address.
 */
host: string, 
/**
 * TCP port (5432 by default).
 */
port: number, 
/**
 * Database name.
 */
database: string, 
/**
 * Login role.
 */
user: string, 
/**
 * Encrypt the connection (`sslmode=require`).
 */
tls: boolean, };

export type ServerCheck = { 
/**
 * The server's version (`PostgreSQL 15.18 …`).
 */
version: string, 
/**
 * The login's role.
 */
role: string, 
/**
 * Whether the role may issue, cancel and correct (member of `vanthu_clerk`, or the owner).
 */
clerk: boolean, 
/**
 * The registers the database holds (their codes).
 */
registers: Array<string>, 
/**
 * Whether the connection is encrypted.
 */
tls: boolean, };

export type RegisterSettings = { 
/**
 * A file on this machine, or a shared server.
 */
engine: Engine, 
/**
 * The server (used when `engine` is `server`).
 */
server: ServerSettings, 
/**
 * Whether a password for this server is kept in the keyring (read-only for the UI).
 */
has_password: boolean, };

export type TemplateField = { 
/**
 * Variable name.
 */
name: string, 
/**
 * Label shown to the clerk.
 */
label: string, 
/**
 * Must be filled.
 */
required: boolean, };

export type TemplateInfo = { 
/**
 * Template id.
 */
id: string, 
/**
 * Its name.
 */
name: string, 
/**
 * Kind slug of the draft it makes.
 */
kind: string, 
/**
 * `state` or `party`.
 */
regime: string, 
/**
 * What it is for.
 */
description: string, 
/**
 * The values it asks for.
 */
fields: Array<TemplateField>, };

export type Finding = { 
/**
 * Field path (`body`, `subject`, `cc[1]`).
 */
field: string, 
/**
 * Rule code.
 */
code: string, 
/**
 * `error`, `warning` or `hint`.
 */
severity: string, 
/**
 * Vietnamese message.
 */
message: string, 
/**
 * Character range in the field's text, when the finding points into it.
 */
start: number | null, 
/**
 * End of that range.
 */
end: number | null, 
/**
 * The flagged text itself.
 */
excerpt: string, 
/**
 * Suggested replacement text.
 */
suggestion: string | null, };
