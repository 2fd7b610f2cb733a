//! *Cài đặt → Sổ đăng ký*: a file on this machine or the office's shared server.

use tauri::State;
use vanthu::register::server::{ServerCheck, ServerSettings};
use vanthu::register::Register;

use crate::commands::register::RegisterState;
use crate::error::CmdResult;
use crate::server_settings::{self, RegisterSettings};

/// The saved register settings.
#[tauri::command]
pub fn register_settings_load() -> CmdResult<RegisterSettings> {
    server_settings::load()
}

/// Saves the settings (a typed password goes to the OS keyring) and reopens the register.
#[tauri::command]
pub fn register_settings_save(
    state: State<RegisterState>,
    settings: RegisterSettings,
    password: Option<String>,
) -> CmdResult<RegisterSettings> {
    let saved = server_settings::save(&settings, password.as_deref())?;
    state.close()?;
    Ok(saved)
}

/// *Kiểm tra kết nối*: connects to the server as typed and says what it found.
#[tauri::command]
pub fn register_server_check(
    server: ServerSettings,
    password: Option<String>,
) -> CmdResult<ServerCheck> {
    let location = server_settings::trial_location(&server, password.as_deref())?;
    Ok(Register::check_server(&location)?)
}
