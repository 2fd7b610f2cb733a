//! Where the app's register is kept: a file on this machine, or the office's PostgreSQL
//! server. The address is saved in the data folder; the password only in the operating
//! system's keyring (Secret Service on Linux, Credential Manager on Windows, Keychain on
//! macOS), never on disk nor in a message.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::register::server::{Engine, ServerSettings};
use vanthu::ErrorCode;

use crate::error::{AppError, CmdResult};
use crate::store;

const FILE: &str = "register-settings.json";
const KEYRING_SERVICE: &str = "vn.vanthu.register";

/// The register settings of *Cài đặt → Sổ đăng ký*.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct RegisterSettings {
    /// A file on this machine, or a shared server.
    pub engine: Engine,
    /// The server (used when `engine` is `server`).
    #[serde(default)]
    pub server: ServerSettings,
    /// Whether a password for this server is kept in the keyring (read-only for the UI).
    #[serde(default)]
    pub has_password: bool,
}

/// The saved settings (a file register when none were saved).
pub fn load() -> CmdResult<RegisterSettings> {
    let path = store::data_dir()?.join(FILE);
    let mut s: RegisterSettings = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::ProfilesCorrupt,
                format!("Tệp cài đặt sổ đăng ký {} bị hỏng ({e}).", path.display()),
            )
        })?,
        Err(_) => RegisterSettings::default(),
    };
    s.has_password = s.engine == Engine::Server && password(&s.server)?.is_some();
    Ok(s)
}

fn keyring_error(e: keyring::Error) -> AppError {
    AppError::new(
        ErrorCode::NotAvailable,
        format!("Không dùng được kho khóa của hệ điều hành để giữ mật khẩu ({e})."),
    )
}

fn entry(server: &ServerSettings) -> CmdResult<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, &server.keyring_account()).map_err(keyring_error)
}

/// The password kept for this server, if any.
pub fn password(server: &ServerSettings) -> CmdResult<Option<String>> {
    match entry(server)?.get_password() {
        Ok(p) => Ok(Some(p)),
        // No keyring service (a desktop without one): as if no password was kept.
        Err(keyring::Error::NoEntry) | Err(keyring::Error::PlatformFailure(_)) => Ok(None),
        Err(keyring::Error::NoStorageAccess(_)) => Ok(None),
        Err(e) => Err(keyring_error(e)),
    }
}

/// Saves the settings; a new password (when given) goes to the keyring only.
pub fn save(
    settings: &RegisterSettings,
    new_password: Option<&str>,
) -> CmdResult<RegisterSettings> {
    if settings.engine == Engine::Server {
        settings.server.check()?;
        if let Some(p) = new_password.filter(|p| !p.is_empty()) {
            entry(&settings.server)?
                .set_password(p)
                .map_err(keyring_error)?;
        }
    }
    let saved = RegisterSettings {
        has_password: false,
        ..settings.clone()
    };
    store::write_json(FILE, &saved)?;
    load()
}

/// The register's location: `VANTHU_DB` when set, else the saved server (with its password
/// from the keyring), else `register.sqlite` in the data folder.
pub fn location() -> CmdResult<PathBuf> {
    if let Some(p) = std::env::var_os(vanthu::register::ENV_DB).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let s = load()?;
    if s.engine == Engine::Server {
        let pw = password(&s.server)?;
        return Ok(s.server.location(pw.as_deref())?);
    }
    Ok(store::ensure_dir()?.join("register.sqlite"))
}

/// The location of a server being tried: the typed password, else the kept one.
pub fn trial_location(server: &ServerSettings, typed: Option<&str>) -> CmdResult<PathBuf> {
    let kept = match typed.filter(|p| !p.is_empty()) {
        Some(p) => Some(p.to_string()),
        None => password(server)?,
    };
    Ok(server.location(kept.as_deref())?)
}
