//! Organisation profiles: who issues, who signs, who usually receives. The app and the
//! templates fill drafts from a profile; a built-in sample lets a new user draft at once.

use serde::{Deserialize, Serialize};

use crate::draft::{DraftFile, IssuerFile, Regime, SignerFile};

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
                    "Phòng Văn hóa và Thông tin các huyện, thành phố".into(),
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
                parent: Some("ĐẢNG BỘ TỈNH BÌNH ĐỊNH".into()),
                name: "TỈNH ỦY".into(),
                code: "TU".into(),
                place: "Bình Định".into(),
                units: vec![Unit {
                    code: "VPTU".into(),
                    name: "Văn phòng Tỉnh ủy".into(),
                }],
                signers: vec![
                    ProfileSigner {
                        authority: Some("TM".into()),
                        on_behalf_of: Some("BAN THƯỜNG VỤ".into()),
                        title: "BÍ THƯ".into(),
                        name: "Hồ Quốc Dũng".into(),
                    },
                    ProfileSigner {
                        authority: Some("TM".into()),
                        on_behalf_of: Some("BAN THƯỜNG VỤ".into()),
                        title: "PHÓ BÍ THƯ".into(),
                        name: "Lê Kim Toàn".into(),
                    },
                ],
                recipients: vec![
                    "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy".into()
                ],
                cc: vec!["Các đ/c UVBTV Tỉnh ủy".into(), "Các ban của Tỉnh ủy".into()],
                archive: Some("Văn phòng Tỉnh ủy".into()),
            },
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
