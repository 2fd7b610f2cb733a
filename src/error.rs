//! The one error type of the core, with a stable code per variant.

use std::fmt;
use std::path::PathBuf;

/// A problem with one field of a draft (or of any user input), named by its path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `signer.name`, `recipients[2]`, `date`.
    pub field: String,
    /// Stable machine-readable code, e.g. `required`, `invalid_date`.
    pub code: &'static str,
    /// English message, without the field name.
    pub message: String,
}

impl FieldError {
    /// Creates a field error.
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }

    /// A required field is missing or empty.
    pub fn required(field: impl Into<String>) -> Self {
        Self::new(field, "required", "required")
    }

    /// The Vietnamese message shown next to the field in the app.
    pub fn message_vi(&self) -> String {
        match self.code {
            "required" => "Trường này là bắt buộc.".to_string(),
            "invalid_date" => "Ngày không hợp lệ (định dạng NNNN-TT-NN).".to_string(),
            "unknown_kind" => "Loại văn bản không có trong quy định.".to_string(),
            "unknown_field" => "Trường không được hỗ trợ.".to_string(),
            "too_long" => "Nội dung quá dài.".to_string(),
            "out_of_range" => "Giá trị nằm ngoài phạm vi cho phép.".to_string(),
            "not_allowed" => "Loại văn bản này không dùng trường này.".to_string(),
            "invalid_value" | "invalid_type" => "Giá trị không hợp lệ.".to_string(),
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
    /// Producing the DOCX failed.
    #[error("render: {0}")]
    Render(String),
    /// Converting to PDF failed (LibreOffice missing, timed out or failed).
    #[error("pdf: {0}")]
    Convert(String),
    /// Any other failure reported by a module (register, templates, checker) with its own code.
    #[error("{message}")]
    Other {
        /// Stable code.
        code: &'static str,
        /// English message.
        message: String,
    },
}

impl Error {
    /// A stable machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "parse",
            Error::Invalid(_) => "invalid",
            Error::TooLarge { .. } => "too_large",
            Error::Io { .. } => "io",
            Error::Rules { .. } => "rules",
            Error::Render(_) => "render",
            Error::Convert(_) => "convert",
            Error::Other { code, .. } => code,
        }
    }

    /// The field errors carried by this error (empty for errors that are not about fields).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Error::Invalid(list) => list.0.clone(),
            Error::Parse { field, message } => {
                vec![FieldError::new(field.clone(), "parse", message.clone())]
            }
            Error::TooLarge { field, .. } => {
                vec![FieldError::new(field.clone(), "too_long", self.to_string())]
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
            Error::Render(_) => "Không tạo được tệp DOCX.".to_string(),
            Error::Convert(_) => "Không chuyển được sang PDF (cần cài LibreOffice).".to_string(),
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
