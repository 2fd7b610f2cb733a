//! The register's errors, each with a stable code.

use std::path::PathBuf;

use crate::error::ErrorCode;

/// Everything that can go wrong in the register.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// No register has this code.
    #[error("--register: unknown register \"{code}\" (known: {known})")]
    UnknownRegister {
        /// The code asked for.
        code: String,
        /// The codes that exist, comma separated.
        known: String,
    },
    /// The database has several registers and none was named.
    #[error("--register: this database keeps several registers ({known}); name one")]
    RegisterRequired {
        /// The codes that exist.
        known: String,
    },
    /// The database has no register yet.
    #[error("no register in this database yet: run `vanthu register init` first")]
    NoRegister,
    /// No register numbers this issuer's documents of this regime.
    #[error("no register numbers {regime} documents of issuer \"{issuer}\": create one with `vanthu register init`")]
    NoRegisterFor {
        /// The draft's issuer code.
        issuer: String,
        /// The draft's regime.
        regime: String,
    },
    /// A register with this code already exists.
    #[error("--code: a register \"{0}\" already exists")]
    DuplicateRegister(String),
    /// No entry has this id (or symbol).
    #[error("entry {0}: no such entry")]
    UnknownEntry(String),
    /// The document type is not in the register's rule set.
    #[error("kind: unknown kind \"{kind}\" for {rules} (see `vanthu kinds`)")]
    UnknownKind {
        /// The slug.
        kind: String,
        /// The rule set id.
        rules: String,
    },
    /// A Party register has no committee term covering the date.
    #[error("date: no term of register \"{register}\" covers {date} (add one with `vanthu register term`)")]
    NoTerm {
        /// Register code.
        register: String,
        /// The date.
        date: String,
    },
    /// A new term overlaps an existing one.
    #[error("--from/--to: the term overlaps term \"{0}\"")]
    TermOverlap(String),
    /// Cancelling an issued entry needs a reason.
    #[error("--reason: required to cancel issued entry {0}")]
    ReasonRequired(String),
    /// The operation does not fit the entry's status.
    #[error("entry {id} ({symbol}) is {status}: {message}")]
    WrongStatus {
        /// Entry id.
        id: i64,
        /// Its symbol.
        symbol: String,
        /// Its status.
        status: String,
        /// Why the operation is refused.
        message: String,
    },
    /// The draft does not belong in this register.
    #[error("{field}: {message}")]
    Mismatch {
        /// The draft field (or argument) concerned.
        field: String,
        /// What does not match.
        message: String,
    },
    /// The date would break the order of numbers.
    #[error("date: {date} is before {last}, the date of the last number issued in this sequence; numbers follow the order of issue")]
    DateOutOfOrder {
        /// The date given.
        date: String,
        /// The last date in the sequence.
        last: String,
    },
    /// A date later than today, which the register does not allow.
    #[error("date: {date} is later than today ({today}); register \"{register}\" gives numbers on the day of issue (to allow dates ahead: `vanthu register config --allow-future-dates on`)")]
    FutureDate {
        /// The date given.
        date: String,
        /// Today.
        today: String,
        /// Register code.
        register: String,
    },
    /// An unfinished draft lacks what a số dự kiến needs.
    #[error("{}: required to reserve a number for a draft", fields.join(", "))]
    DraftIncomplete {
        /// The draft fields still empty (`kind`, `issuer.code`, …).
        fields: Vec<String>,
    },
    /// A restore would lose issued entries and `--force` was not given.
    #[error("restore: the backup lacks {count} issued entries of the current database ({}); they would be lost. Rerun with --force to restore anyway: they are listed for re-registration and numbering continues above them", symbols.join(", "))]
    RestoreLosesEntries {
        /// How many issued entries the backup lacks.
        count: usize,
        /// Their symbols.
        symbols: Vec<String>,
    },
    /// The draft failed validation (or could not be rendered).
    #[error("{0}")]
    Draft(crate::Error),
    /// A command-line or API argument is malformed.
    #[error("{field}: {message}")]
    Invalid {
        /// The argument or field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The search text has no searchable word.
    #[error("query: {0}")]
    BadQuery(String),
    /// The file is not an SQLite database or is damaged.
    #[error("{}: the register database is damaged or not a database ({message}); restore a backup with `vanthu register restore`", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// SQLite's message.
        message: String,
    },
    /// A reading command named a database that does not exist (none is created).
    #[error("{}: no register database here (check --db or VANTHU_DB; `vanthu register init` creates one)", path.display())]
    NoDatabase {
        /// The path given.
        path: PathBuf,
    },
    /// The database path names a folder or a device, not a file.
    #[error("{}: {what}, not a register database file (give a file such as register.sqlite with --db or VANTHU_DB)", path.display())]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is (`a folder`, `a device or other special file`).
        what: String,
    },
    /// The file is an SQLite database of some other program.
    #[error("{}: not a Văn Thư register (it holds other tables)", path.display())]
    NotARegister {
        /// The file.
        path: PathBuf,
    },
    /// The database was written by a newer version of the program.
    #[error("{}: written by a newer version of vanthu (schema {found}, this program knows {known})", path.display())]
    SchemaTooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this program knows.
        known: i64,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing an export failed.
    #[error("export: {0}")]
    Export(String),
    /// Any other database failure.
    #[error("database: {0}")]
    Database(super::db::DbError),
    /// The register's server cannot be reached, or the connection was lost.
    #[error("{location}: {message}")]
    ServerUnavailable {
        /// The server (its address, without a password).
        location: String,
        /// What happened.
        message: String,
    },
    /// The register's server refused the operation to this user's role.
    #[error("the register server refused this to role \"{role}\" ({message}): a drafter (vanthu_drafter) reads the register and reserves numbers; issuing, cancelling and correcting need the clerk role (vanthu_clerk)")]
    PermissionDenied {
        /// The PostgreSQL role of the connection.
        role: String,
        /// The server's refusal.
        message: String,
    },
    /// A database location that is neither a file path nor a `postgres://` address.
    #[error("--db: unknown location scheme \"{0}\" (give a file path or postgres://user@host:port/database)")]
    UnknownLocation(String),
    /// The operation exists for one engine only.
    #[error("{0}")]
    NotSupported(String),
    /// A migration target that already holds registers or entries.
    #[error("--to: {0} already holds a register ({1}); migrate into an empty database")]
    TargetNotEmpty(String, String),
    /// A schema migration failed.
    #[error("migration: {0}")]
    Migration(String),
}

impl RegisterError {
    /// A stable machine-readable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            RegisterError::UnknownRegister { .. } => ErrorCode::UnknownRegister,
            RegisterError::RegisterRequired { .. } => ErrorCode::RegisterRequired,
            RegisterError::NoRegister => ErrorCode::NoRegister,
            RegisterError::NoRegisterFor { .. } => ErrorCode::NoRegister,
            RegisterError::DuplicateRegister(_) => ErrorCode::DuplicateRegister,
            RegisterError::UnknownEntry(_) => ErrorCode::UnknownEntry,
            RegisterError::UnknownKind { .. } => ErrorCode::UnknownKind,
            RegisterError::NoTerm { .. } => ErrorCode::NoTerm,
            RegisterError::TermOverlap(_) => ErrorCode::TermOverlap,
            RegisterError::ReasonRequired(_) => ErrorCode::ReasonRequired,
            RegisterError::WrongStatus { .. } => ErrorCode::WrongStatus,
            RegisterError::Mismatch { .. } => ErrorCode::Mismatch,
            RegisterError::DateOutOfOrder { .. } => ErrorCode::DateOutOfOrder,
            RegisterError::DraftIncomplete { .. } => ErrorCode::DraftIncomplete,
            RegisterError::FutureDate { .. } => ErrorCode::FutureDate,
            RegisterError::RestoreLosesEntries { .. } => ErrorCode::RestoreLosesEntries,
            RegisterError::Draft(crate::Error::Other { code, .. }) => *code,
            RegisterError::Draft(_) => ErrorCode::InvalidDraft,
            RegisterError::Invalid { .. } => ErrorCode::InvalidArgument,
            RegisterError::BadQuery(_) => ErrorCode::BadQuery,
            RegisterError::Corrupt { .. } => ErrorCode::CorruptDatabase,
            RegisterError::NotARegister { .. } => ErrorCode::NotARegister,
            RegisterError::NoDatabase { .. } => ErrorCode::NoDatabase,
            RegisterError::NotAFile { .. } => ErrorCode::NotARegister,
            RegisterError::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            RegisterError::Io { .. } => ErrorCode::Io,
            RegisterError::Export(_) => ErrorCode::Export,
            RegisterError::Database(_) => ErrorCode::Database,
            RegisterError::ServerUnavailable { .. } => ErrorCode::ServerUnavailable,
            RegisterError::PermissionDenied { .. } => ErrorCode::PermissionDenied,
            RegisterError::UnknownLocation(_) => ErrorCode::UnknownLocation,
            RegisterError::NotSupported(_) => ErrorCode::NotSupported,
            RegisterError::TargetNotEmpty(..) => ErrorCode::TargetNotEmpty,
            RegisterError::Migration(_) => ErrorCode::Migration,
        }
    }

    /// The field or argument the error is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            RegisterError::UnknownRegister { .. } | RegisterError::RegisterRequired { .. } => {
                Some("register")
            }
            RegisterError::UnknownKind { .. } => Some("kind"),
            RegisterError::NoTerm { .. }
            | RegisterError::DateOutOfOrder { .. }
            | RegisterError::FutureDate { .. } => Some("date"),
            RegisterError::ReasonRequired(_) => Some("reason"),
            RegisterError::TermOverlap(_) => Some("start"),
            RegisterError::DuplicateRegister(_) => Some("code"),
            RegisterError::Mismatch { field, .. } | RegisterError::Invalid { field, .. } => {
                Some(field.trim_start_matches("--"))
            }
            RegisterError::BadQuery(_) => Some("query"),
            RegisterError::DraftIncomplete { fields } => fields.first().map(String::as_str),
            _ => None,
        }
    }

    /// The message shown to a clerk, in Vietnamese.
    pub fn message_vi(&self) -> String {
        use RegisterError as E;
        match self {
            E::UnknownRegister { code, .. } => format!("Không có sổ đăng ký “{code}”."),
            E::RegisterRequired { known } => {
                format!("Cơ sở dữ liệu có nhiều sổ ({known}); hãy chọn một sổ.")
            }
            E::NoRegister => "Chưa có sổ đăng ký văn bản đi nào.".into(),
            E::NoRegisterFor { issuer, .. } => {
                format!("Chưa có sổ đăng ký văn bản đi cho cơ quan “{issuer}”.")
            }
            E::DuplicateRegister(c) => format!("Đã có sổ đăng ký mã “{c}”."),
            E::UnknownEntry(id) => format!("Không tìm thấy văn bản {id} trong sổ."),
            E::UnknownKind { kind, .. } => {
                format!("Loại văn bản “{kind}” không dùng được trong sổ này.")
            }
            E::NoTerm { register, date } => format!(
                "Sổ “{register}” chưa có nhiệm kỳ nào bao gồm ngày {date}: thêm nhiệm kỳ trong Cài đặt → Sổ đăng ký."
            ),
            E::TermOverlap(l) => format!("Nhiệm kỳ này trùng với nhiệm kỳ “{l}”."),
            E::ReasonRequired(_) => "Cần ghi lý do hủy số của văn bản đã phát hành.".into(),
            E::WrongStatus { symbol, status, .. } => {
                let st = super::model::EntryStatus::parse(status)
                    .map_or(status.as_str(), |s| s.label_vi());
                format!("Văn bản {symbol} đang ở trạng thái “{st}”: không thực hiện được thao tác này.")
            }
            E::Mismatch { field, message } => match field.as_str() {
                "regime" => "Bản thảo và sổ đăng ký thuộc hai hệ thống văn bản khác nhau.".into(),
                "issuer.code" => "Ký hiệu cơ quan của bản thảo khác với cơ quan của sổ đăng ký.".into(),
                "secrecy" => "Văn bản mật được cấp số trong sổ riêng cho văn bản mật.".into(),
                "number" => "Bản thảo đã có số; sổ đăng ký sẽ cấp số: hãy xóa số trong bản thảo.".into(),
                "kind" => "Số dự kiến đã lấy cho loại văn bản khác.".into(),
                "date" => "Ngày của bản thảo nằm ngoài kỳ của số dự kiến.".into(),
                _ => format!("Không khớp với sổ đăng ký: {message}"),
            },
            E::DateOutOfOrder { date, last } => format!(
                "Ngày {date} sớm hơn ngày {last} của số cấp gần nhất: số được cấp theo thứ tự thời gian."
            ),
            E::FutureDate { date, today, .. } => format!(
                "Ngày {date} sau ngày hôm nay ({today}): số được cấp vào ngày ban hành. \
                 Hãy sửa ngày, hoặc cho phép ngày về sau trong Cài đặt → Sổ đăng ký."
            ),
            E::DraftIncomplete { .. } => {
                "Cần chọn loại văn bản, điền tên và ký hiệu cơ quan ban hành trước khi lấy số.".into()
            }
            E::RestoreLosesEntries { count, symbols } => format!(
                "Bản sao lưu thiếu {count} văn bản đã phát hành ({}): khôi phục sẽ làm mất các văn bản này. \
                 Nếu vẫn khôi phục, hãy đăng ký lại chúng; số tiếp theo sẽ lớn hơn mọi số đã cấp.",
                symbols.join(", ")
            ),
            E::Draft(e) => e.message_vi(),
            E::Invalid { field, .. } => format!("{}: giá trị không hợp lệ.", field.trim_start_matches("--")),
            E::BadQuery(_) => "Hãy gõ ít nhất một chữ hoặc số để tìm.".into(),
            E::Corrupt { .. } => "Tệp sổ đăng ký bị hỏng hoặc không phải sổ đăng ký: hãy khôi phục từ bản sao lưu.".into(),
            E::NotARegister { .. } => "Tệp này không phải sổ đăng ký của Văn Thư.".into(),
            E::NoDatabase { path } => format!(
                "Không có sổ đăng ký tại {}: hãy kiểm tra đường dẫn, hoặc tạo sổ mới.",
                path.display()
            ),
            E::NotAFile { path, .. } => format!(
                "{} không phải tệp sổ đăng ký (đây là thư mục hoặc thiết bị): hãy chọn một tệp.",
                path.display()
            ),
            E::SchemaTooNew { .. } => "Sổ đăng ký được tạo bởi phiên bản Văn Thư mới hơn: hãy cập nhật chương trình.".into(),
            E::Io { path, .. } => format!("Không đọc/ghi được tệp {}.", path.display()),
            E::Export(_) => "Không xuất được sổ đăng ký.".into(),
            E::Database(_) | E::Migration(_) => "Lỗi cơ sở dữ liệu của sổ đăng ký.".into(),
            E::ServerUnavailable { location, .. } => format!(
                "Không kết nối được máy chủ sổ đăng ký ({location}). Bản thảo vẫn được giữ nguyên; \
                 chưa có số nào được cấp. Hãy kiểm tra mạng hoặc báo quản trị viên, rồi thử lại."
            ),
            E::PermissionDenied { role, .. } => format!(
                "Tài khoản “{role}” không có quyền thực hiện thao tác này trên sổ đăng ký dùng chung \
                 (người soạn thảo chỉ được xem và lấy số dự kiến; cấp số, hủy và sửa do văn thư thực hiện)."
            ),
            E::UnknownLocation(s) => format!("Địa chỉ sổ đăng ký “{s}” không hợp lệ."),
            E::NotSupported(_) => "Thao tác này không dùng được với sổ đăng ký trên máy chủ.".into(),
            E::TargetNotEmpty(..) => "Sổ đăng ký đích đã có dữ liệu: chỉ chuyển vào một sổ trống.".into(),
        }
    }

    /// An invalid argument.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        RegisterError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        RegisterError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<super::db::DbError> for RegisterError {
    fn from(e: super::db::DbError) -> Self {
        use super::db::DbError;
        match e {
            DbError::Unavailable { location, message } => {
                RegisterError::ServerUnavailable { location, message }
            }
            DbError::Denied { role, message } => RegisterError::PermissionDenied { role, message },
            e => RegisterError::Database(e),
        }
    }
}

impl From<rusqlite::Error> for RegisterError {
    fn from(e: rusqlite::Error) -> Self {
        RegisterError::Database(super::db::DbError::Sqlite(e))
    }
}

impl From<crate::Error> for RegisterError {
    fn from(e: crate::Error) -> Self {
        RegisterError::Draft(e)
    }
}

impl From<RegisterError> for crate::Error {
    fn from(e: RegisterError) -> Self {
        match e {
            RegisterError::Draft(inner) => inner,
            other => crate::Error::Other {
                code: other.code(),
                message: other.to_string(),
            },
        }
    }
}

/// Result of the register's operations.
pub type Result<T, E = RegisterError> = std::result::Result<T, E>;
