//! Cài đặt: organisation profiles, stored as JSON in the user's data folder.

use crate::error::CmdResult;
use crate::store::{self, ProfileStore};

/// The profiles (the two samples on first start).
#[tauri::command]
pub fn profiles_load() -> CmdResult<ProfileStore> {
    store::load_profiles()
}

/// Checks and saves the profiles; field errors name `profiles[i].field`.
#[tauri::command]
pub fn profiles_save(profiles: ProfileStore) -> CmdResult<ProfileStore> {
    store::save_profiles(&profiles)?;
    Ok(profiles)
}

/// The app's own settings (the user's name, first start answered); loading them also names
/// the user to the register's history.
#[tauri::command]
pub fn settings_load() -> CmdResult<store::AppSettings> {
    store::load_settings()
}

/// Saves the app's settings; the register's history records the new name from now on.
#[tauri::command]
pub fn settings_save(settings: store::AppSettings) -> CmdResult<store::AppSettings> {
    store::save_settings(&settings)
}
