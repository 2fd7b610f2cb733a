//! Organisation profiles: who issues, who signs, who usually receives. The app and the
//! templates fill drafts from a profile; a built-in sample lets a new user draft at once.

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::draft::{DraftFile, IssuerFile, SignerFile};
use crate::error::{Error, ErrorCode, FieldError, FieldErrors, Result};
use crate::regime::{Authority, Regime};

/// A person who signs, as the profile lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileSigner {
    /// `TM`, `KT`, `TL`, `TUQ`, `Q` or none.
    #[serde(default)]
    pub authority: Option<String>,
    /// The collective or head signed for.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    /// Title.
    pub title: String,
    /// Full name.
    pub name: String,
}

/// A drafting unit of the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unit {
    /// Abbreviation (`QLVHGĐ`).
    pub code: String,
    /// Full name.
    pub name: String,
}

/// An organisation profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// Regime of the documents it issues.
    pub regime: Regime,
    /// Governing body.
    #[serde(default)]
    pub parent: Option<String>,
    /// Issuing body.
    pub name: String,
    /// Its abbreviation.
    pub code: String,
    /// Địa danh.
    pub place: String,
    /// Drafting units.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Signers, the usual one first.
    #[serde(default)]
    pub signers: Vec<ProfileSigner>,
    /// Usual Kính gửi entries.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Usual Nơi nhận entries.
    #[serde(default)]
    pub cc: Vec<String>,
    /// The archive entry (`VT`, `Văn phòng Tỉnh ủy`).
    #[serde(default)]
    pub archive: Option<String>,
}

impl Profile {
    /// The built-in sample profile of a regime.
    pub fn sample(regime: Regime) -> Profile {
        match regime {
            Regime::State => Profile {
                regime,
                parent: Some("UBND TỈNH LẠNG SƠN".into()),
                name: "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH".into(),
                code: "SVHTTDL".into(),
                place: "Lạng Sơn".into(),
                units: vec![
                    Unit {
                        code: "VP".into(),
                        name: "Văn phòng Sở".into(),
                    },
                    Unit {
                        code: "QLVHGĐ".into(),
                        name: "Phòng Quản lý văn hóa và Gia đình".into(),
                    },
                    Unit {
                        code: "KHTC".into(),
                        name: "Phòng Kế hoạch - Tài chính".into(),
                    },
                ],
                signers: vec![
                    ProfileSigner {
                        authority: None,
                        on_behalf_of: None,
                        title: "GIÁM ĐỐC".into(),
                        name: "Nguyễn Văn An".into(),
                    },
                    ProfileSigner {
                        authority: Some("KT".into()),
                        on_behalf_of: Some("GIÁM ĐỐC".into()),
                        title: "PHÓ GIÁM ĐỐC".into(),
                        name: "Phan Văn Hòa".into(),
                    },
                ],
                recipients: vec![
                    "Các đơn vị trực thuộc Sở".into(),
                    "Ủy ban nhân dân các xã, phường".into(),
                ],
                cc: vec![
                    "Như trên".into(),
                    "Văn phòng UBND tỉnh (b/c)".into(),
                    "Giám đốc, các Phó Giám đốc Sở".into(),
                ],
                archive: Some("VT".into()),
            },
            Regime::Party => Profile {
                regime,
                parent: Some("ĐẢNG BỘ TỈNH GIA LAI".into()),
                name: "TỈNH ỦY".into(),
                code: "TU".into(),
                place: "Gia Lai".into(),
                units: vec![Unit {
                    code: "VPTU".into(),
                    name: "Văn phòng Tỉnh ủy".into(),
                }],
                signers: vec![
                    ProfileSigner {
                        authority: Some("TM".into()),
                        on_behalf_of: Some("BAN THƯỜNG VỤ".into()),
                        title: "BÍ THƯ".into(),
                        name: "Trần Quang Minh".into(),
                    },
                    ProfileSigner {
                        authority: Some("TM".into()),
                        on_behalf_of: Some("BAN THƯỜNG VỤ".into()),
                        title: "PHÓ BÍ THƯ".into(),
                        name: "Nguyễn Thị Thu Hà".into(),
                    },
                ],
                recipients: vec!["Các đảng ủy trực thuộc Tỉnh ủy".into()],
                cc: vec!["Các đ/c UVBTV Tỉnh ủy".into(), "Các ban của Tỉnh ủy".into()],
                archive: Some("Văn phòng Tỉnh ủy".into()),
            },
        }
    }

    /// What is wrong with the profile, each problem named `{prefix}field` (`profiles[1].name`):
    /// the issuer's name and code, the place, each signer's title and name, and signing forms
    /// the regime's rule set has.
    pub fn problems(&self, prefix: &str) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut req = |field: String, v: &str| {
            if v.trim().is_empty() {
                out.push(FieldError::required(field));
            }
        };
        req(format!("{prefix}name"), &self.name);
        req(format!("{prefix}code"), &self.code);
        req(format!("{prefix}place"), &self.place);
        for (j, s) in self.signers.iter().enumerate() {
            req(format!("{prefix}signers[{j}].title"), &s.title);
            req(format!("{prefix}signers[{j}].name"), &s.name);
        }
        let rules = crate::rules::default_for(self.regime);
        for (j, s) in self.signers.iter().enumerate() {
            let Some(a) = s.authority.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            if Authority::parse(a)
                .and_then(|a| rules.signer.prefix(a))
                .is_none()
            {
                out.push(FieldError::new(
                    format!("{prefix}signers[{j}].authority"),
                    ErrorCode::InvalidValue,
                    format!("\"{a}\" is not a signing form of {}", rules.guide),
                ));
            }
        }
        out
    }

    /// Reads and checks a profile file (JSON).
    pub fn load(path: &Path) -> Result<Profile> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let p: Profile = serde_json::from_str(&text).map_err(|e| Error::Parse {
            field: path.display().to_string(),
            message: e.to_string(),
        })?;
        let problems = p.problems("");
        if problems.is_empty() {
            Ok(p)
        } else {
            Err(Error::Invalid(FieldErrors(problems)))
        }
    }

    /// A draft file with the profile's issuer, place, first signer and usual lists filled in.
    pub fn draft_file(&self, kind: &str) -> DraftFile {
        let signer = self.signers.first().map(|s| SignerFile {
            authority: s.authority.clone(),
            on_behalf_of: s.on_behalf_of.clone(),
            title: Some(s.title.clone()),
            name: Some(s.name.clone()),
        });
        DraftFile {
            format: Some(crate::draft::FORMAT.into()),
            regime: Some(self.regime.as_str().into()),
            kind: Some(kind.into()),
            issuer: Some(IssuerFile {
                parent: self.parent.clone(),
                name: Some(self.name.clone()),
                code: Some(self.code.clone()),
            }),
            place: Some(self.place.clone()),
            signer,
            cc: self.cc.clone(),
            archive: self.archive.clone(),
            ..DraftFile::default()
        }
    }
}

/// Checks the organisation profiles the app keeps: at least one, each named `profiles[i]`.
pub fn check_all(profiles: &[Profile]) -> Result<()> {
    let mut problems: Vec<FieldError> = profiles
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.problems(&format!("profiles[{i}].")))
        .collect();
    if profiles.is_empty() {
        problems.push(FieldError::new(
            "profiles",
            ErrorCode::Required,
            "at least one organisation profile is needed",
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(FieldErrors(problems)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_are_valid() {
        let all = [
            Profile::sample(Regime::State),
            Profile::sample(Regime::Party),
        ];
        assert!(check_all(&all).is_ok());
    }

    #[test]
    fn problems_are_named_by_path() {
        let mut all = vec![
            Profile::sample(Regime::State),
            Profile::sample(Regime::Party),
        ];
        all[1].name = " ".into();
        all[0].signers[1].name.clear();
        all[1].signers[0].authority = Some("TUQ".into());
        let Err(Error::Invalid(list)) = check_all(&all) else {
            panic!("invalid")
        };
        let fields: Vec<&str> = list.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "profiles[0].signers[1].name",
                "profiles[1].name",
                "profiles[1].signers[0].authority"
            ]
        );
        assert!(matches!(check_all(&[]), Err(Error::Invalid(_))));
    }
}
