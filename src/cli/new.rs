//! `vanthu new`: a skeleton draft that validates and renders as it is.

use chrono::Datelike;
use std::path::PathBuf;

use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::draft::{self, DraftFile, Regime};
use crate::profile::Profile;
use crate::rules::{self, FieldUse, Form};

/// Arguments of `vanthu new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `state` or `party`.
    #[arg(long, value_parser = ["state", "party"])]
    pub regime: String,
    /// Document type slug (see `vanthu kinds`).
    #[arg(long)]
    pub kind: String,
    /// Organisation profile (JSON); the built-in sample otherwise.
    #[arg(long)]
    pub profile: Option<PathBuf>,
}

/// A skeleton draft of a kind from a profile: every field the form uses, with placeholder text.
pub fn skeleton(profile: &Profile, kind: &str, year: i32) -> Option<DraftFile> {
    let rules = rules::default_for(profile.regime);
    let k = rules.kind(kind)?;
    let mut f = profile.draft_file(kind);
    f.year = Some(i64::from(year));
    if k.form == Form::Letter && profile.regime == Regime::State {
        f.unit_code = profile.units.first().map(|u| u.code.clone());
    }
    if k.subject != FieldUse::None {
        f.subject = Some(match k.form {
            Form::Letter => "triển khai nhiệm vụ trọng tâm năm".to_string() + &format!(" {year}"),
            Form::Decision => "về việc thành lập Tổ công tác".to_string(),
            Form::Titled => format!("thực hiện nhiệm vụ trọng tâm năm {year}"),
        });
    }
    if k.recipients == FieldUse::Required {
        f.recipients = profile.recipients.clone();
    }
    if k.form == Form::Decision {
        f.authority_line = Some(match &profile.signers.first() {
            Some(s) if s.authority.is_none() => format!("{} {}", s.title, profile.name),
            _ => profile.name.clone(),
        });
        f.bases = vec![
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư".into(),
        ];
        f.proposal = Some("Theo đề nghị của Chánh Văn phòng".into());
        f.body = Some("**Điều 1.** Nội dung quyết định.\n\n**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.\n\n**Điều 3.** Chánh Văn phòng và các đơn vị, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.".into());
        f.cc = vec!["Như Điều 3".into()];
    } else {
        let heading = match profile.regime {
            Regime::State => "I. MỤC ĐÍCH, YÊU CẦU",
            Regime::Party => "I - MỤC ĐÍCH, YÊU CẦU",
        };
        f.body = Some(format!(
            "Nội dung văn bản.\n\n# {heading}\n\n- Nội dung thứ nhất.\n\n- Nội dung thứ hai./."
        ));
    }
    Some(f)
}

/// Runs the command.
pub fn run(a: Args) -> i32 {
    let Some(regime) = Regime::parse(&a.regime) else {
        eprintln!("error: --regime: expected state or party");
        return EXIT_USAGE;
    };
    let profile = match &a.profile {
        None => Profile::sample(regime),
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Profile>(&t).map_err(|e| e.to_string()))
        {
            Ok(pr) => pr,
            Err(e) => {
                eprintln!("error: {}: {e}", p.display());
                return EXIT_FAIL;
            }
        },
    };
    let year = chrono::Local::now().year();
    match skeleton(&profile, &a.kind, year) {
        Some(f) => {
            debug_assert!(draft::validate(&f).is_ok());
            print!("{}", f.to_json());
            EXIT_OK
        }
        None => {
            eprintln!(
                "error: --kind: unknown kind \"{}\" for regime {} (see `vanthu kinds`)",
                a.kind,
                regime.as_str()
            );
            EXIT_USAGE
        }
    }
}
