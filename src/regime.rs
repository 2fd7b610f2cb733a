//! The regime vocabulary: which body of rules a document follows and the marks every regime
//! shares (urgency, secrecy, signing authority). A leaf module: it depends on nothing else
//! in the crate, so the draft, the rule sets and the register can all use it.

use serde::Serialize;

/// Which body of rules the document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Regime {
    /// State documents (the rule sets of `rules/` for `state`).
    State,
    /// Party documents (the rule sets of `rules/` for `party`).
    Party,
}

impl Regime {
    /// Every regime.
    pub const ALL: [Regime; 2] = [Regime::State, Regime::Party];

    /// The slug used in drafts and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::State => "state",
            Regime::Party => "party",
        }
    }

    /// Parses the slug.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "state" => Some(Regime::State),
            "party" => Some(Regime::Party),
            _ => None,
        }
    }
}

/// Urgency mark (độ khẩn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Urgency {
    /// KHẨN
    Khan,
    /// THƯỢNG KHẨN
    ThuongKhan,
    /// HỎA TỐC
    HoaToc,
}

impl Urgency {
    /// All values with their slugs.
    pub const ALL: [(&'static str, Urgency); 3] = [
        ("khan", Urgency::Khan),
        ("thuong-khan", Urgency::ThuongKhan),
        ("hoa-toc", Urgency::HoaToc),
    ];

    /// The slug used in drafts.
    pub fn slug(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(s, _)| *s)
            .unwrap_or("khan")
    }

    /// The printed mark.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }
}

/// Secrecy mark (độ mật).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Secrecy {
    /// MẬT
    Mat,
    /// TỐI MẬT
    ToiMat,
    /// TUYỆT MẬT
    TuyetMat,
}

impl Secrecy {
    /// All values with their slugs.
    pub const ALL: [(&'static str, Secrecy); 3] = [
        ("mat", Secrecy::Mat),
        ("toi-mat", Secrecy::ToiMat),
        ("tuyet-mat", Secrecy::TuyetMat),
    ];

    /// The slug used in drafts.
    pub fn slug(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(s, _)| *s)
            .unwrap_or("mat")
    }

    /// Parses the slug.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
    }

    /// The printed mark.
    pub fn label(self) -> &'static str {
        match self {
            Secrecy::Mat => "MẬT",
            Secrecy::ToiMat => "TỐI MẬT",
            Secrecy::TuyetMat => "TUYỆT MẬT",
        }
    }
}

/// Signing authority (thẩm quyền ký).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Authority {
    /// thay mặt
    Tm,
    /// ký thay
    Kt,
    /// thừa lệnh
    Tl,
    /// thừa ủy quyền
    Tuq,
    /// quyền
    Q,
}

impl Authority {
    /// All values with their slugs.
    pub const ALL: [(&'static str, Authority); 5] = [
        ("TM", Authority::Tm),
        ("KT", Authority::Kt),
        ("TL", Authority::Tl),
        ("TUQ", Authority::Tuq),
        ("Q", Authority::Q),
    ];

    /// The slug used in drafts (`TM`, `KT`, …).
    pub fn slug(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(s, _)| *s)
            .unwrap_or("TM")
    }

    /// Parses the slug.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
    }

    /// What the form means, in Vietnamese (`thay mặt`).
    pub fn label_vi(self) -> &'static str {
        match self {
            Authority::Tm => "thay mặt",
            Authority::Kt => "ký thay",
            Authority::Tl => "thừa lệnh",
            Authority::Tuq => "thừa ủy quyền",
            Authority::Q => "quyền",
        }
    }
}
