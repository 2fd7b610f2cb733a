//! The one error type of the core, with a stable code per variant.
//!
//! Every code any face may show is a variant of [`ErrorCode`]: the app's errors carry it on the
//! wire as a snake_case string (the UI's TypeScript sees the union of them), the CLI prints
//! English messages, and a test pins the list so a renamed code is a deliberate change.

use std::fmt;
use std::path::PathBuf;

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $wire:literal,)*) => {
        /// A stable machine-readable error code, serialised as its snake_case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it is written on the wire and in `--json` output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $wire,)*
                }
            }
        }
    };
}

error_codes! {
    // Fields of a draft, a profile, a template's values.
    /// A required field is missing or empty.
    Required = "required",
    /// A date that does not exist or is not in the expected form.
    InvalidDate = "invalid_date",
    /// A document type the rule set does not have.
    UnknownKind = "unknown_kind",
    /// A field the format does not have.
    UnknownField = "unknown_field",
    /// A text or list over its limit.
    TooLong = "too_long",
    /// A number outside its range.
    OutOfRange = "out_of_range",
    /// A field this kind of document does not use.
    NotAllowed = "not_allowed",
    /// A value not among the allowed ones.
    InvalidValue = "invalid_value",
    /// A value of the wrong JSON type.
    InvalidType = "invalid_type",
    // The core.
    /// Not valid JSON, or truncated.
    Parse = "parse",
    /// One or more fields failed validation.
    Invalid = "invalid",
    /// The input is larger than allowed.
    TooLarge = "too_large",
    /// Reading or writing a file failed.
    Io = "io",
    /// A rule set is malformed.
    Rules = "rules",
    /// No rule set has this id.
    UnknownRules = "unknown_rules",
    /// The rule set is for another regime.
    RulesRegime = "rules_regime",
    /// Producing the DOCX failed.
    Render = "render",
    /// Converting to PDF failed.
    Convert = "convert",
    /// The file is JSON but not a `vanthu/draft@1` draft.
    NotADraft = "not_a_draft",
    /// No font to typeset a PDF with.
    MissingFont = "missing_font",
    // The register.
    /// No register has this code.
    UnknownRegister = "unknown_register",
    /// Several registers and none named.
    RegisterRequired = "register_required",
    /// No register yet, or none for the draft's issuer.
    NoRegister = "no_register",
    /// A register with this code exists.
    DuplicateRegister = "duplicate_register",
    /// No entry has this id or symbol.
    UnknownEntry = "unknown_entry",
    /// No committee term covers the date.
    NoTerm = "no_term",
    /// A new term overlaps another.
    TermOverlap = "term_overlap",
    /// Cancelling an issued entry needs a reason.
    ReasonRequired = "reason_required",
    /// The operation does not fit the entry's status.
    WrongStatus = "wrong_status",
    /// The draft does not belong in this register.
    Mismatch = "mismatch",
    /// The date would break the order of numbers.
    DateOutOfOrder = "date_out_of_order",
    /// The draft failed validation.
    InvalidDraft = "invalid_draft",
    /// An unfinished draft lacks what a số dự kiến needs.
    DraftIncomplete = "draft_incomplete",
    /// A malformed argument.
    InvalidArgument = "invalid_argument",
    /// The search has no searchable word.
    BadQuery = "bad_query",
    /// The database file is damaged.
    CorruptDatabase = "corrupt_database",
    /// The file is another program's database.
    NotARegister = "not_a_register",
    /// Written by a newer version.
    SchemaTooNew = "schema_too_new",
    /// Writing an export failed.
    Export = "export",
    /// Any other database failure.
    Database = "database",
    /// A schema migration failed.
    Migration = "migration",
    /// The register has no DOCX for this entry.
    NoDocx = "no_docx",
    /// A restore would lose issued entries (needs `--force`).
    RestoreLosesEntries = "restore_loses_entries",
    /// A date later than today where the register does not allow one.
    FutureDate = "future_date",
    /// The database file does not exist (a reading command never creates one).
    NoDatabase = "no_database",
    /// The register's server cannot be reached, or the connection was lost.
    ServerUnavailable = "server_unavailable",
    /// The register's server refused the operation to this user's role.
    PermissionDenied = "permission_denied",
    /// A database location with a scheme that is neither a path nor `postgres://`.
    UnknownLocation = "unknown_location",
    /// The operation exists for one engine only (a file backup on a server).
    NotSupported = "not_supported",
    /// A migration target that already holds a register.
    TargetNotEmpty = "target_not_empty",
    // Files and input.
    /// An output path that is one of the inputs or the open database.
    OutputIsInput = "output_is_input",
    /// An output file name whose extension does not match the format.
    WrongExtension = "wrong_extension",
    /// A character XML 1.0 cannot carry (a control character, U+FFFE, U+FFFF).
    InvalidChar = "invalid_char",
    /// A template needed more work or output than its budget.
    TemplateBudget = "template_budget",
    // Templates.
    /// No template of that name.
    TemplateNotFound = "template_not_found",
    /// A syntax error in a template.
    TemplateSyntax = "template_syntax",
    /// A construct the sandbox refuses.
    TemplateForbidden = "template_forbidden",
    /// A variable the template does not define.
    TemplateUndefined = "template_undefined",
    /// Rendering a template field failed.
    TemplateRender = "template_render",
    /// A problem with a template file's metadata.
    TemplateFormat = "template_format",
    /// A built-in template cannot be overwritten.
    TemplateBuiltin = "template_builtin",
    /// A user template of that name exists.
    TemplateExists = "template_exists",
    /// Not a valid template name.
    TemplateName = "template_name",
    // The machine and the app.
    /// No user data folder.
    NoDataDir = "no_data_dir",
    /// The profiles file is damaged.
    ProfilesCorrupt = "profiles_corrupt",
    /// The system could not open a file.
    OpenFailed = "open_failed",
    /// A feature not in this build.
    NotAvailable = "not_available",
    /// A defect of the program (a poisoned lock, an unexpected state).
    Internal = "internal",
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem with one field of a draft (or of any user input), named by its path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `signer.name`, `recipients[2]`, `date`.
    pub field: String,
    /// Stable machine-readable code, e.g. `required`, `invalid_date`.
    pub code: ErrorCode,
    /// English message, without the field name.
    pub message: String,
}

impl FieldError {
    /// Creates a field error.
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }

    /// A required field is missing or empty.
    pub fn required(field: impl Into<String>) -> Self {
        Self::new(field, ErrorCode::Required, "required")
    }

    /// The Vietnamese message shown next to the field in the app.
    pub fn message_vi(&self) -> String {
        match self.code {
            ErrorCode::Required => "Trường này là bắt buộc.".to_string(),
            ErrorCode::InvalidDate => {
                "Ngày không hợp lệ: ghi ngày/tháng/năm, ví dụ 05/03/2024.".to_string()
            }
            ErrorCode::UnknownKind => "Loại văn bản không có trong quy định.".to_string(),
            ErrorCode::UnknownField => "Trường không được hỗ trợ.".to_string(),
            ErrorCode::TooLong => "Nội dung quá dài.".to_string(),
            ErrorCode::OutOfRange => "Giá trị nằm ngoài phạm vi cho phép.".to_string(),
            ErrorCode::NotAllowed => "Loại văn bản này không dùng trường này.".to_string(),
            ErrorCode::InvalidChar => {
                "Có ký tự điều khiển không in được (thường do dán từ Word hoặc trang web): hãy xóa ký tự này.".to_string()
            }
            _ => "Giá trị không hợp lệ.".to_string(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A list of field errors, printed one per line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Every error the core can return.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not valid JSON, is truncated, or has a value of the wrong type.
    #[error("{field}: {message}")]
    Parse {
        /// Path of the offending value (`.` for the whole file).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// One or more fields failed validation.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// The input is larger than allowed.
    #[error("{field}: too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// Field or file name.
        field: String,
        /// Actual size in bytes.
        size: u64,
        /// Limit in bytes.
        limit: u64,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The rule set is missing or malformed (a defect of the program or of a data file).
    #[error("rules {id}: {message}")]
    Rules {
        /// Rule set id.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// No rule set has this id.
    #[error("--rules: unknown rule set \"{id}\" (known: {known})")]
    UnknownRules {
        /// The id asked for.
        id: String,
        /// The built-in ids, comma separated.
        known: String,
    },
    /// The rule set named is for another regime than the document's.
    #[error("--rules: rule set {id} is not for {regime} documents")]
    RulesRegime {
        /// The id asked for.
        id: String,
        /// The document's regime.
        regime: &'static str,
    },
    /// Producing the DOCX failed.
    #[error("render: {0}")]
    Render(String),
    /// Converting to PDF failed (LibreOffice missing, timed out or failed).
    #[error("pdf: {0}")]
    Convert(String),
    /// The fonts to typeset with are not installed (the message names what to install).
    #[error("{0}")]
    MissingFont(String),
    /// Any other failure reported by a module (register, templates, checker) with its own code.
    #[error("{message}")]
    Other {
        /// Stable code.
        code: ErrorCode,
        /// English message.
        message: String,
    },
}

impl Error {
    /// A stable machine-readable code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Parse { .. } => ErrorCode::Parse,
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
            Error::Io { .. } => ErrorCode::Io,
            Error::Rules { .. } => ErrorCode::Rules,
            Error::UnknownRules { .. } => ErrorCode::UnknownRules,
            Error::RulesRegime { .. } => ErrorCode::RulesRegime,
            Error::Render(_) => ErrorCode::Render,
            Error::Convert(_) => ErrorCode::Convert,
            Error::MissingFont(_) => ErrorCode::MissingFont,
            Error::Other { code, .. } => *code,
        }
    }

    /// The field errors carried by this error (empty for errors that are not about fields).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Error::Invalid(list) => list.0.clone(),
            Error::Parse { field, message } => {
                vec![FieldError::new(
                    field.clone(),
                    ErrorCode::Parse,
                    message.clone(),
                )]
            }
            Error::TooLarge { field, .. } => {
                vec![FieldError::new(
                    field.clone(),
                    ErrorCode::TooLong,
                    self.to_string(),
                )]
            }
            Error::UnknownRules { .. } | Error::RulesRegime { .. } => {
                vec![FieldError::new("rules", self.code(), self.to_string())]
            }
            _ => Vec::new(),
        }
    }

    /// A Vietnamese message for the app.
    pub fn message_vi(&self) -> String {
        match self {
            Error::Parse { field, .. } => format!("{field}: tệp không phải bản thảo JSON hợp lệ."),
            Error::Invalid(list) => list
                .0
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message_vi()))
                .collect::<Vec<_>>()
                .join("\n"),
            Error::TooLarge { field, .. } => format!("{field}: dữ liệu quá lớn."),
            Error::Io { path, .. } => format!("Không đọc/ghi được tệp {}.", path.display()),
            Error::Rules { id, .. } => format!("Bộ quy tắc {id} bị lỗi."),
            Error::UnknownRules { id, .. } => format!("Không có bộ quy tắc thể thức “{id}”."),
            Error::RulesRegime { id, .. } => {
                format!("Bộ quy tắc {id} không dùng cho hệ thống văn bản này.")
            }
            Error::Render(_) => "Không tạo được tệp DOCX.".to_string(),
            Error::Convert(_) => "Không chuyển được sang PDF (cần cài LibreOffice).".to_string(),
            Error::Other {
                code: ErrorCode::NotADraft,
                ..
            } => "Tệp này không phải bản thảo Văn Thư (vanthu/draft@1).".to_string(),
            Error::MissingFont(_) => {
                "Không tìm thấy phông chữ Times New Roman hoặc Liberation Serif: \
                                      hãy cài một trong hai phông rồi xuất lại."
                    .to_string()
            }
            Error::Other {
                code: ErrorCode::OutputIsInput,
                ..
            } => "Không ghi được: tệp đích là một tệp nguồn hoặc chính sổ đăng ký; hãy chọn tệp khác."
                .to_string(),
            Error::Other {
                code: ErrorCode::WrongExtension,
                ..
            } => "Đuôi tên tệp không khớp với định dạng được ghi; hãy đổi đuôi tệp.".to_string(),
            Error::Other {
                code: ErrorCode::TemplateBudget,
                ..
            } => "Mẫu văn bản lặp quá nhiều lần hoặc tạo nội dung quá lớn nên bị từ chối.".to_string(),
            Error::Other {
                code: ErrorCode::InvalidChar,
                message,
            } => format!(
                "Có ký tự điều khiển không in được (thường do dán từ Word hoặc trang web): {message}"
            ),
            Error::Other { message, .. } => message.clone(),
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with the core's error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes are a contract with the app's UI and with `--json` readers: renaming or
    /// dropping one must be a deliberate change of this list.
    #[test]
    fn the_wire_codes_are_pinned() {
        let wire: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| serde_json::to_string(c).expect("code"))
            .collect();
        assert_eq!(
            wire.join(" "),
            "\"required\" \"invalid_date\" \"unknown_kind\" \"unknown_field\" \"too_long\" \
             \"out_of_range\" \"not_allowed\" \"invalid_value\" \"invalid_type\" \"parse\" \
             \"invalid\" \"too_large\" \"io\" \"rules\" \"unknown_rules\" \"rules_regime\" \
             \"render\" \"convert\" \"not_a_draft\" \"missing_font\" \"unknown_register\" \"register_required\" \
             \"no_register\" \"duplicate_register\" \"unknown_entry\" \"no_term\" \"term_overlap\" \
             \"reason_required\" \"wrong_status\" \"mismatch\" \"date_out_of_order\" \
             \"invalid_draft\" \"draft_incomplete\" \"invalid_argument\" \"bad_query\" \
             \"corrupt_database\" \"not_a_register\" \"schema_too_new\" \"export\" \"database\" \
             \"migration\" \"no_docx\" \"restore_loses_entries\" \"future_date\" \"no_database\" \
             \"server_unavailable\" \"permission_denied\" \"unknown_location\" \"not_supported\" \
             \"target_not_empty\" \"output_is_input\" \"wrong_extension\" \"invalid_char\" \"template_budget\" \"template_not_found\" \"template_syntax\" \
             \"template_forbidden\" \"template_undefined\" \"template_render\" \
             \"template_format\" \"template_builtin\" \"template_exists\" \"template_name\" \
             \"no_data_dir\" \"profiles_corrupt\" \"open_failed\" \"not_available\" \"internal\""
        );
        for c in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_string(c).expect("code"),
                format!("\"{}\"", c.as_str())
            );
            let back: ErrorCode = serde_json::from_str(&format!("\"{c}\"")).expect("parse");
            assert_eq!(back, *c);
        }
    }

    #[test]
    fn the_new_file_errors_have_vietnamese_messages() {
        for code in [
            ErrorCode::OutputIsInput,
            ErrorCode::WrongExtension,
            ErrorCode::TemplateBudget,
        ] {
            let e = Error::Other {
                code,
                message: "english".into(),
            };
            let vi = e.message_vi();
            assert!(!vi.contains("english") && !vi.is_empty(), "{vi}");
        }
    }

    #[test]
    fn a_field_error_serialises_with_its_code() {
        let e = FieldError::required("signer.name");
        assert_eq!(
            serde_json::to_string(&e).expect("json"),
            r#"{"field":"signer.name","code":"required","message":"required"}"#
        );
    }
}
