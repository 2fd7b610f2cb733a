//! Where the app keeps its files: profiles and the autosaved draft, in the user's data dir.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vanthu::profile::Profile;
use vanthu::{Error, Regime};

use crate::error::{AppError, CmdResult, FieldMessage};

/// The user's data folder (`VANTHU_DATA_DIR` overrides it, for tests).
pub fn data_dir() -> CmdResult<PathBuf> {
    if let Some(d) = std::env::var_os("VANTHU_DATA_DIR") {
        return Ok(PathBuf::from(d));
    }
    directories::ProjectDirs::from("vn", "vanthu", "vanthu")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            AppError::new(
                "no_data_dir",
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

    /// Checks every profile, naming fields as `profiles[i].name`.
    pub fn check(&self) -> Vec<FieldMessage> {
        let mut out = Vec::new();
        let mut req = |field: String, v: &str| {
            if v.trim().is_empty() {
                out.push(FieldMessage {
                    field,
                    code: "required".into(),
                    message: "Trường này là bắt buộc.".into(),
                });
            }
        };
        for (i, p) in self.profiles.iter().enumerate() {
            req(format!("profiles[{i}].name"), &p.name);
            req(format!("profiles[{i}].code"), &p.code);
            req(format!("profiles[{i}].place"), &p.place);
            for (j, s) in p.signers.iter().enumerate() {
                req(format!("profiles[{i}].signers[{j}].title"), &s.title);
                req(format!("profiles[{i}].signers[{j}].name"), &s.name);
            }
        }
        if self.profiles.is_empty() {
            out.push(FieldMessage {
                field: "profiles".into(),
                code: "required".into(),
                message: "Cần ít nhất một hồ sơ cơ quan.".into(),
            });
        }
        out
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
                "profiles_corrupt",
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
    let fields = store.check();
    if !fields.is_empty() {
        return Err(AppError {
            code: "invalid".into(),
            message: "Hồ sơ cơ quan còn trường chưa hợp lệ.".into(),
            fields,
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
        assert!(s.check().is_empty());
        assert_eq!(s.current().code, "SVHTTDL");
    }

    #[test]
    fn empty_names_are_named_by_path() {
        let mut s = ProfileStore::sample();
        s.profiles[1].name = " ".into();
        s.profiles[0].signers[1].name.clear();
        let f: Vec<String> = s.check().into_iter().map(|m| m.field).collect();
        assert_eq!(f, ["profiles[0].signers[1].name", "profiles[1].name"]);
    }
}
