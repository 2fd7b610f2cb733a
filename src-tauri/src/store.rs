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

pub(crate) fn ensure_dir() -> CmdResult<PathBuf> {
    let d = data_dir()?;
    std::fs::create_dir_all(&d).map_err(|e| AppError::from(Error::io(&d, e)))?;
    Ok(d)
}

/// Writes `value` as JSON to the file `name` of the data folder, atomically.
pub(crate) fn write_json<T: Serialize>(name: &str, value: &T) -> CmdResult<()> {
    let json = serde_json::to_string_pretty(value).unwrap_or_default();
    vanthu::write::atomic(&ensure_dir()?.join(name), json.as_bytes())?;
    Ok(())
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
    write_json(PROFILES, store)
}

/// Path of the autosaved draft of older versions (read once, when nothing newer is there).
pub fn autosave_path() -> CmdResult<PathBuf> {
    Ok(ensure_dir()?.join(AUTOSAVE))
}

/// How many autosaved drafts are kept (the newest).
pub const RECENT_KEPT: usize = 20;

/// The folder of autosaved drafts, one `<id>.vanthu` per draft being written.
pub fn drafts_dir() -> CmdResult<PathBuf> {
    let d = ensure_dir()?.join("drafts");
    std::fs::create_dir_all(&d).map_err(|e| AppError::from(Error::io(&d, e)))?;
    Ok(d)
}

/// Whether `id` can name an autosave file: 1 to 64 ASCII letters, digits and `-` (the app
/// makes them), so that no id reaches outside the drafts folder.
pub fn valid_draft_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The autosave file of a draft ([`valid_draft_id`]).
pub fn draft_path(id: &str) -> CmdResult<PathBuf> {
    if !valid_draft_id(id) {
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            "Mã bản thảo không hợp lệ.",
        ));
    }
    Ok(drafts_dir()?.join(format!("{id}.{}", vanthu::draft::names::DRAFT_EXT)))
}

/// The autosaved drafts, newest first: (id, path, modified).
pub fn autosaved() -> CmdResult<Vec<(String, PathBuf, std::time::SystemTime)>> {
    let dir = drafts_dir()?;
    let mut out = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| AppError::from(Error::io(&dir, e)))?;
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some(vanthu::draft::names::DRAFT_EXT) {
            continue;
        }
        let (Some(id), Ok(meta)) = (
            path.file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string),
            e.metadata(),
        ) else {
            continue;
        };
        out.push((id, path, meta.modified().unwrap_or(std::time::UNIX_EPOCH)));
    }
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| b.0.cmp(&a.0)));
    Ok(out)
}

/// Removes the autosaved drafts beyond the [`RECENT_KEPT`] newest.
pub fn prune_autosaved() -> CmdResult<()> {
    for (_, path, _) in autosaved()?.into_iter().skip(RECENT_KEPT) {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}

/// The app's own settings (not the organisation's): who uses it, whether it was set up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppSettings {
    /// The person using the app ("Người dùng"), recorded in the register's history.
    pub user_name: String,
    /// The first-start invitation to replace the sample organisation was answered.
    pub welcomed: bool,
}

const SETTINGS: &str = "settings.json";

/// Loads the app's settings (defaults when there are none yet) and names the user to the
/// register's audit trail.
pub fn load_settings() -> CmdResult<AppSettings> {
    let path = data_dir()?.join(SETTINGS);
    let s = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_default(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => AppSettings::default(),
        Err(e) => return Err(Error::io(&path, e).into()),
    };
    vanthu::register::set_actor(Some(&s.user_name));
    Ok(s)
}

/// Saves the app's settings atomically and names the user to the register's audit trail.
pub fn save_settings(s: &AppSettings) -> CmdResult<AppSettings> {
    let s = AppSettings {
        user_name: vanthu::chars::normalise(s.user_name.trim()),
        ..s.clone()
    };
    if s.user_name.chars().count() > 100 || s.user_name.chars().any(char::is_control) {
        return Err(AppError {
            fields: vec![crate::error::FieldMessage {
                field: "user_name".into(),
                code: ErrorCode::InvalidValue,
                message: "Tên người dùng tối đa 100 ký tự, trên một dòng.".into(),
            }],
            ..AppError::new(ErrorCode::InvalidValue, "Tên người dùng không hợp lệ.")
        });
    }
    write_json(SETTINGS, &s)?;
    vanthu::register::set_actor(Some(&s.user_name));
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_ids_stay_inside_the_drafts_folder() {
        assert!(valid_draft_id("dmiabc12-x9k"));
        for bad in ["", "../profiles", "a/b", "a.b", "ä", &"a".repeat(65)] {
            assert!(!valid_draft_id(bad), "{bad}");
        }
    }

    #[test]
    fn settings_default_when_fields_are_missing() {
        let s: AppSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, AppSettings::default());
        let s: AppSettings = serde_json::from_str(r#"{"user_name":"Lan"}"#).unwrap();
        assert_eq!((s.user_name.as_str(), s.welcomed), ("Lan", false));
    }

    #[test]
    fn sample_store_is_valid_and_state_first() {
        let s = ProfileStore::sample();
        assert!(vanthu::profile::check_all(&s.profiles).is_ok());
        assert_eq!(s.current().code, "SVHTTDL");
    }
}
