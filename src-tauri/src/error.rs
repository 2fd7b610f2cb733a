//! The one error the commands return to the UI: `{code, message, fields}` with Vietnamese text.
//! The code is the core's [`ErrorCode`] enum, a closed union of strings on the wire.

use serde::Serialize;
use ts_rs::TS;
use vanthu::ErrorCode;

/// A Vietnamese message about one form field, named by its draft path (`signer.name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldMessage {
    /// Dotted path of the field, as the core names it (`recipients[1]`, `issuer.code`).
    pub field: String,
    /// Stable code (`required`, `invalid_date`, …).
    pub code: ErrorCode,
    /// The message shown next to the field, in Vietnamese.
    pub message: String,
}

impl From<&vanthu::FieldError> for FieldMessage {
    fn from(e: &vanthu::FieldError) -> Self {
        FieldMessage {
            field: e.field.clone(),
            code: e.code,
            message: e.message_vi(),
        }
    }
}

/// Every error a command returns, serialised as `{code, message, fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// A Vietnamese message for the clerk.
    pub message: String,
    /// Field-level messages, shown next to the fields (empty when not about fields).
    pub fields: Vec<FieldMessage>,
}

impl AppError {
    /// An error with a code and a Vietnamese message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A feature whose core module is not in this build yet.
    pub fn not_available(what: &str) -> Self {
        AppError::new(
            ErrorCode::NotAvailable,
            format!("Chức năng {what} chưa có trong phiên bản này."),
        )
    }
}

impl From<vanthu::Error> for AppError {
    fn from(e: vanthu::Error) -> Self {
        AppError {
            code: e.code(),
            message: e.message_vi(),
            fields: e.field_errors().iter().map(FieldMessage::from).collect(),
        }
    }
}

impl From<vanthu::register::RegisterError> for AppError {
    fn from(e: vanthu::register::RegisterError) -> Self {
        if let vanthu::register::RegisterError::Draft(inner) = e {
            return AppError::from(inner);
        }
        let message = e.message_vi();
        AppError {
            code: e.code(),
            fields: e
                .field()
                .map(|f| FieldMessage {
                    field: f.to_string(),
                    code: e.code(),
                    message: message.clone(),
                })
                .into_iter()
                .collect(),
            message,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Result of a command.
pub type CmdResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serialised_shape_is_pinned() {
        let e = AppError::from(vanthu::draft::from_json("{\"format\": 1}").unwrap_err());
        let v = serde_json::to_value(&e).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "fields", "message"]);
        assert_eq!(v["code"], "parse");
        assert_eq!(
            serde_json::to_string(&AppError::new(ErrorCode::NoDocx, "Chưa có tệp DOCX.")).unwrap(),
            r#"{"code":"no_docx","message":"Chưa có tệp DOCX.","fields":[]}"#
        );
        assert_eq!(v["fields"][0]["field"], "format");
        assert!(v["message"]
            .as_str()
            .unwrap()
            .contains("không phải bản thảo"));
    }

    #[test]
    fn field_errors_carry_vietnamese_messages() {
        let e = AppError::from(
            vanthu::draft::from_json(
                r#"{"format":"vanthu/draft@1","regime":"state","kind":"cong-van"}"#,
            )
            .unwrap_err(),
        );
        assert_eq!(e.code, ErrorCode::Invalid);
        let place = e
            .fields
            .iter()
            .find(|f| f.field == "place")
            .expect("place is named");
        assert_eq!(place.message, "Trường này là bắt buộc.");
        assert_eq!(place.code, ErrorCode::Required);
    }

    #[test]
    fn register_errors_name_the_field_in_vietnamese() {
        use vanthu::register::RegisterError;
        let e = AppError::from(RegisterError::ReasonRequired("5".into()));
        assert_eq!(e.code, ErrorCode::ReasonRequired);
        assert_eq!(e.fields[0].field, "reason");
        assert!(e.message.contains("lý do"));
        let e = AppError::from(RegisterError::NoTerm {
            register: "tu".into(),
            date: "2026-03-02".into(),
        });
        assert_eq!(e.fields[0].field, "date");
        assert!(e.message.contains("nhiệm kỳ"));
    }

    #[test]
    fn not_available_is_vietnamese() {
        let e = AppError::not_available("sổ văn bản");
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert_eq!(
            e.message,
            "Chức năng sổ văn bản chưa có trong phiên bản này."
        );
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"code":"not_available","message":"Chức năng sổ văn bản chưa có trong phiên bản này.","fields":[]}"#
        );
    }
}
