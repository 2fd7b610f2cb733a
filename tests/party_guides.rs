//! The proof that a guide is data: Hướng dẫn 05-HD/VPTW is one file (`rules/hd05-2026.toml`).
//! A Party draft takes the guide in force on its date (HD 36 before 27/5/2026, HD 05 from then,
//! the newest when undated), an explicit rule set wins, the register keeps each entry's rule
//! set, and `Q.` (quyền) is accepted only under HD 05.

mod common;
use common::*;

use std::process::Command;
use vanthu::draft::{self, DraftFile, Regime};
use vanthu::register::{NewRegister, NumberRequest, Register};
use vanthu::{layout, lint, render, rules};

/// The Bình Định Kế hoạch dated `date` (or undated), signed with `authority`.
fn party_draft(date: Option<&str>, authority: &str) -> DraftFile {
    let mut f = DraftFile::from_json(&example(KE_HOACH)).expect("sample");
    f.date = date.map(String::from);
    f.year = date.is_none().then_some(2026);
    f.number = None;
    f.status = None;
    let s = f.signer.as_mut().expect("signer");
    s.authority = Some(authority.to_string());
    f
}

fn doc_text(f: &DraftFile, explicit: Option<&str>) -> vanthu::Result<String> {
    let (d, set) = draft::validate_for(f, explicit)?;
    let docx = render::docx::to_bytes(&layout::build_with(&d, set)?)?;
    Ok(paragraphs(&unzip(&docx).document)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n"))
}

#[test]
fn the_builtin_rule_sets_are_the_files_in_rules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("rules/")
        .filter_map(|e| {
            let p = e.expect("entry").path();
            (p.extension()? == "toml").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    files.sort();
    let mut ids = rules::ids();
    ids.sort();
    assert_eq!(ids, files);
    assert!(ids.contains(&"hd05-2026"));
}

#[test]
fn a_party_draft_takes_the_guide_in_force_on_its_date() {
    let id = |date: Option<&str>, explicit: Option<&str>| {
        draft::validate_for(&party_draft(date, "TM"), explicit)
            .expect("valid")
            .1
            .id
            .clone()
    };
    assert_eq!(id(Some("2023-05-16"), None), "hd36-2018");
    assert_eq!(id(Some("2026-05-26"), None), "hd36-2018");
    assert_eq!(id(Some("2026-05-27"), None), "hd05-2026");
    assert_eq!(id(None, None), "hd05-2026");
    assert_eq!(id(Some("2026-06-02"), Some("hd36-2018")), "hd36-2018");
    assert_eq!(id(Some("2023-05-16"), Some("hd05-2026")), "hd05-2026");
    let e = draft::validate_for(&party_draft(None, "TM"), Some("nd30-2020")).expect_err("state");
    assert_eq!(e.code(), vanthu::ErrorCode::RulesRegime);
}

#[test]
fn the_preview_and_the_apps_facts_name_the_guide_in_force() {
    let preview = |date: &str, explicit: Option<&str>| {
        let mut f = party_draft(Some(date), "TM");
        f.subject = None;
        vanthu::preview::preview(&f, explicit).rules_id
    };
    assert_eq!(preview("2026-05-26", None).as_deref(), Some("hd36-2018"));
    assert_eq!(preview("2026-05-27", None).as_deref(), Some("hd05-2026"));
    assert_eq!(
        preview("2026-05-27", Some("hd36-2018")).as_deref(),
        Some("hd36-2018")
    );

    let d = |s: &str| vanthu::dates::parse_iso(s).expect("date");
    let facts = rules::facts::facts(d("2026-12-03"));
    let party = facts
        .regimes
        .iter()
        .find(|r| r.regime == Regime::Party)
        .expect("party");
    assert_eq!(party.rules_id, "hd05-2026");
    assert_eq!(party.title, "Đảng (Hướng dẫn 05-HD/VPTW)");
    let hd05 = facts
        .rule_sets
        .iter()
        .find(|r| r.id == "hd05-2026")
        .expect("hd05");
    let forms: Vec<&str> = hd05.authorities.iter().map(|a| a.value.as_str()).collect();
    assert_eq!(forms, ["", "TM", "KT", "TL", "Q"]);
    assert_eq!(hd05.authorities[4].label, "Q. – quyền");
    let before = rules::facts::facts(d("2026-01-10"));
    let party = before
        .regimes
        .iter()
        .find(|r| r.regime == Regime::Party)
        .expect("party");
    assert_eq!(party.rules_id, "hd36-2018");
}

#[test]
fn quyen_is_accepted_only_under_hd05() {
    // HD 36 has no `Q.`: the draft is refused naming the field.
    for (date, explicit) in [
        (Some("2026-05-26"), None),
        (Some("2026-06-02"), Some("hd36-2018")),
    ] {
        let e = doc_text(&party_draft(date, "Q"), explicit).expect_err("refused under HD 36");
        let fields: Vec<String> = e.field_errors().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["signer.authority"], "{date:?} {explicit:?}");
        assert!(e.to_string().contains("hd36-2018"), "{e}");
    }
    // HD 05 prints it, with the Party's other forms unchanged.
    let text = doc_text(&party_draft(Some("2026-06-02"), "Q"), None).expect("HD 05");
    assert!(text.contains("Q. BAN THƯỜNG VỤ"), "{text}");
    assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    let undated = doc_text(&party_draft(None, "Q"), None).expect("undated: the newest");
    assert!(undated.contains("Q. BAN THƯỜNG VỤ"));
    // T/M prints the same under both guides.
    for date in ["2026-05-26", "2026-06-02"] {
        let text = doc_text(&party_draft(Some(date), "TM"), None).expect("T/M");
        assert!(text.contains("T/M BAN THƯỜNG VỤ"), "{date}: {text}");
        assert!(text.contains("Số     -KH/TU"), "{date}");
    }
}

#[test]
fn the_checker_reads_the_signing_forms_of_the_drafts_guide() {
    for date in ["2026-05-26", "2026-06-02"] {
        let mut f = party_draft(Some(date), "TM");
        f.body = Some("KT. BÍ THƯ ký ban hành; T/M BAN THƯỜNG VỤ.".into());
        let d = draft::validate(&f).expect("valid");
        let found = lint::check_draft(&d);
        let wrong: Vec<_> = found
            .iter()
            .filter(|x| x.rule == "form.sign-prefix-regime")
            .collect();
        assert_eq!(wrong.len(), 1, "{date}: {found:?}");
        assert_eq!(wrong[0].excerpt, "KT.");
        assert_eq!(wrong[0].fix.as_deref(), Some("K/T"));
        assert!(
            wrong[0].message.contains("Hướng dẫn"),
            "{}",
            wrong[0].message
        );
    }
}

#[test]
fn the_register_numbers_across_the_change_and_keeps_each_entrys_rule_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut reg = Register::open(&dir.path().join("r.sqlite")).expect("open");
    let info = reg
        .create_register(&NewRegister {
            code: "tu".into(),
            regime: Some(Regime::Party),
            issuer_name: "TỈNH ỦY".into(),
            issuer_code: "TU".into(),
            ..Default::default()
        })
        .expect("register");
    assert!(info.per_kind, "Party numbering from the rule set: per type");
    let d = |s: &str| vanthu::dates::parse_iso(s).expect("date");
    reg.add_term(Some("tu"), "2025-2030", d("2025-10-16"), d("2030-10-15"))
        .expect("term");
    let req = NumberRequest::default();
    let before = reg
        .issue_draft(&party_draft(Some("2026-05-26"), "TM"), &req)
        .expect("HD 36");
    assert_eq!(before.entry.rules_id, "hd36-2018");
    assert_eq!(before.entry.symbol, "01-KH/TU");
    // Q. on the day HD 36 still applies is refused; the number is not taken.
    let e = reg
        .issue_draft(&party_draft(Some("2026-05-26"), "Q"), &req)
        .expect_err("no Q. under HD 36");
    assert!(e.to_string().contains("signer.authority"), "{e}");
    let after = reg
        .issue_draft(&party_draft(Some("2026-06-02"), "Q"), &req)
        .expect("HD 05");
    assert_eq!(after.entry.rules_id, "hd05-2026");
    assert_eq!(after.entry.symbol, "02-KH/TU");
    assert_eq!(after.draft.number, Some(2));
    let stored = reg.docx(after.entry.id).expect("docx").expect("stored");
    assert!(unzip(&stored).document.contains("Q. BAN THƯỜNG VỤ"));
    // An explicit rule set wins, and is kept.
    let pinned = reg
        .issue_draft(
            &party_draft(Some("2026-06-03"), "TM"),
            &NumberRequest {
                rules: Some("hd36-2018".into()),
                ..Default::default()
            },
        )
        .expect("explicit");
    assert_eq!(pinned.entry.rules_id, "hd36-2018");
    assert_eq!(
        reg.entry(before.entry.id).expect("entry").rules_id,
        "hd36-2018"
    );
}

fn vanthu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vanthu"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn the_command_line_names_the_guide_in_force_and_honours_rules() {
    let o = vanthu(&["kinds", "--regime", "party"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("party (hd05-2026, in force since 27/05/2026): Hướng dẫn 05-HD/VPTW"),
        "{out}"
    );
    assert!(
        out.contains("party (hd36-2018, from 03/04/2018, replaced)"),
        "{out}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("q.json");
    std::fs::write(&p, party_draft(Some("2026-06-02"), "Q").to_json()).expect("write");
    let out_docx = dir.path().join("q.docx");
    let ok = vanthu(&[
        "render",
        p.to_str().expect("path"),
        "-o",
        out_docx.to_str().expect("path"),
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let old = vanthu(&[
        "render",
        p.to_str().expect("path"),
        "-o",
        out_docx.to_str().expect("path"),
        "--rules",
        "hd36-2018",
    ]);
    assert_eq!(old.status.code(), Some(1));
    let err = String::from_utf8_lossy(&old.stderr);
    assert!(err.contains("signer.authority"), "{err}");
}
