//! Where the app keeps its files: profiles and the autosaved draft, in the user's data dir.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::profile::Profile;
use vanthu::{Error, ErrorCode, Regime};

use crate::error::{AppError, CmdResult};

/// The user's data folder (`VANTHU_DATA_DIR` overrides it, for tests).
pub fn data_dir() -> CmdResult<PathBuf> {
    if let Some(d) = std::env::var_os("VANTHU_DATA_DIR") {
        return Ok(PathBuf::from(d));
    }
    directories::ProjectDirs::from("vn", "vanthu", "vanthu")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NoDataDir,
                "Không tìm thấy thư mục dữ liệu của người dùng.",
            )
        })
}

fn ensure_dir() -> CmdResult<PathBuf> {
    let d = data_dir()?;
    std::fs::create_dir_all(&d).map_err(|e| AppError::from(Error::io(&d, e)))?;
    Ok(d)
}

/// The organisation profiles and which one is in use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProfileStore {
    /// Index of the profile in use.
    pub active: u32,
    /// The profiles.
    pub profiles: Vec<Profile>,
}

impl ProfileStore {
    /// The first-start store: the two sample profiles, the state one active.
    pub fn sample() -> Self {
        ProfileStore {
            active: 0,
            profiles: vec![
                Profile::sample(Regime::State),
                Profile::sample(Regime::Party),
            ],
        }
    }

    /// The active profile (the first if `active` is out of range).
    pub fn current(&self) -> Profile {
        self.profiles
            .get(self.active as usize)
            .or(self.profiles.first())
            .cloned()
            .unwrap_or_else(|| Profile::sample(Regime::State))
    }
}

const PROFILES: &str = "profiles.json";
const AUTOSAVE: &str = "autosave.json";

/// Loads the profiles, writing the sample ones on first start.
pub fn load_profiles() -> CmdResult<ProfileStore> {
    let path = data_dir()?.join(PROFILES);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::ProfilesCorrupt,
                format!("Tệp hồ sơ cơ quan {} bị hỏng ({e}).", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let store = ProfileStore::sample();
            save_profiles(&store)?;
            Ok(store)
        }
        Err(e) => Err(Error::io(&path, e).into()),
    }
}

/// Checks and saves the profiles atomically.
pub fn save_profiles(store: &ProfileStore) -> CmdResult<()> {
    if let Err(e) = vanthu::profile::check_all(&store.profiles) {
        return Err(AppError {
            message: "Hồ sơ cơ quan còn trường chưa hợp lệ.".into(),
            ..AppError::from(e)
        });
    }
    let path = ensure_dir()?.join(PROFILES);
    let json = serde_json::to_string_pretty(store).unwrap_or_default();
    vanthu::write::atomic(&path, json.as_bytes())?;
    Ok(())
}

/// Path of the autosaved draft.
pub fn autosave_path() -> CmdResult<PathBuf> {
    Ok(ensure_dir()?.join(AUTOSAVE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_store_is_valid_and_state_first() {
        let s = ProfileStore::sample();
        assert!(vanthu::profile::check_all(&s.profiles).is_ok());
        assert_eq!(s.current().code, "SVHTTDL");
    }
}
