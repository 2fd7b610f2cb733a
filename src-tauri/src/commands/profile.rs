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
