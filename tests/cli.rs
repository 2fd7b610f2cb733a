//! The `vanthu` binary: exit codes, messages naming the field, nothing half-written.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vanthu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanthu"))
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn renders_an_example_atomically_to_the_named_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cv.docx");
    let ex = examples_dir().join(CONG_VAN);
    let o = vanthu(&[
        "render",
        ex.to_str().expect("utf8"),
        "-o",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&out).expect("written");
    assert!(unzip(&bytes)
        .document
        .contains("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"));
    assert_eq!(
        files_in(dir.path()),
        ["cv.docx"],
        "no temporary file left behind"
    );
}

/// Each bad draft: (name, content, the field the message must name).
fn bad_drafts() -> Vec<(&'static str, String, &'static str)> {
    let good = example(CONG_VAN);
    let big_body = "a".repeat(1024 * 1024 + 1);
    vec![
        (
            "unknown-kind",
            with(&good, |v| v["kind"] = "cong-van-x".into()),
            "kind",
        ),
        (
            "unknown-field",
            with(&good, |v| v["sender"] = "x".into()),
            "sender",
        ),
        (
            "unknown-nested",
            with(&good, |v| v["signer"]["nick"] = "x".into()),
            "signer",
        ),
        (
            "missing-signer-name",
            with(&good, |v| {
                v["signer"].as_object_mut().expect("obj").remove("name");
            }),
            "signer.name",
        ),
        (
            "missing-subject",
            with(&good, |v| {
                v.as_object_mut().expect("obj").remove("subject");
            }),
            "subject",
        ),
        (
            "missing-recipients",
            with(&good, |v| {
                v.as_object_mut().expect("obj").remove("recipients");
            }),
            "recipients",
        ),
        (
            "empty-recipient",
            with(&good, |v| v["recipients"][2] = "  ".into()),
            "recipients[2]",
        ),
        (
            "bad-date",
            with(&good, |v| v["date"] = "2023-02-30".into()),
            "date",
        ),
        (
            "bad-date-form",
            with(&good, |v| v["date"] = "5/2/2023".into()),
            "date",
        ),
        (
            "number-zero",
            with(&good, |v| v["number"] = 0.into()),
            "number",
        ),
        (
            "number-text",
            with(&good, |v| v["number"] = "05".into()),
            "number",
        ),
        (
            "body-too-long",
            with(&good, |v| v["body"] = big_body.clone().into()),
            "body",
        ),
        (
            "bad-regime",
            with(&good, |v| v["regime"] = "army".into()),
            "regime",
        ),
        (
            "bad-urgency",
            with(&good, |v| v["urgency"] = "rat-khan".into()),
            "urgency",
        ),
        (
            "final-without-number",
            with(&good, |v| v["status"] = "final".into()),
            "number",
        ),
        (
            "authority-without-whom",
            with(&good, |v| {
                v["signer"]
                    .as_object_mut()
                    .expect("obj")
                    .remove("on_behalf_of");
            }),
            "signer.on_behalf_of",
        ),
        ("not-json", "Kính gửi: Sở Nội vụ".to_string(), "."),
        ("truncated", good[..good.len() / 2].to_string(), "truncated"),
        ("empty", String::new(), "."),
        ("array", "[]".to_string(), "."),
    ]
}

#[test]
fn every_bad_draft_exits_1_names_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    for (name, text, field) in bad_drafts() {
        let input = write(dir.path(), &format!("{name}.json"), &text);
        let out = dir.path().join(format!("{name}.docx"));
        let o = vanthu(&[
            "render",
            input.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(field),
            "{name}: message must name {field}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!out.exists(), "{name}: nothing written");
        let o = vanthu(&["validate", input.to_str().expect("utf8")]);
        assert_eq!(o.status.code(), Some(1), "{name}: validate");
    }
    let leftovers: Vec<String> = files_in(dir.path())
        .into_iter()
        .filter(|f| !f.ends_with(".json"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn one_line_per_problem_naming_each_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = with(&example(CONG_VAN), |v| {
        v["date"] = "hôm nay".into();
        v["number"] = 0.into();
        v["signer"].as_object_mut().expect("obj").remove("name");
    });
    let input = write(dir.path(), "many.json", &text);
    let o = vanthu(&["validate", input.to_str().expect("utf8")]);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines
        .iter()
        .any(|l| l.contains("number: must be between 1")));
    assert!(lines
        .iter()
        .any(|l| l.contains("date: \"hôm nay\" is not a date")));
    assert!(lines.iter().any(|l| l.ends_with("signer.name: required")));
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("huge.json");
    std::fs::write(&p, vec![b' '; 8 * 1024 * 1024 + 10]).expect("write");
    let o = vanthu(&["validate", p.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("file: too large"), "{}", stderr(&o));
    let bin = write(dir.path(), "bin.json", "\u{0}\u{1}");
    std::fs::write(&bin, [0xff, 0xfe, 0x00, 0x7b]).expect("write");
    let o = vanthu(&["validate", bin.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
}

#[test]
fn batch_renders_the_good_drafts_and_reports_the_bad() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &example(CONG_VAN));
    let b = write(
        dir.path(),
        "b.json",
        &with(&example(CONG_VAN), |v| v["kind"] = "xyz".into()),
    );
    let c = write(dir.path(), "c.json", &example(KE_HOACH));
    let out = dir.path().join("out");
    let o = vanthu(&[
        "render",
        a.to_str().expect("utf8"),
        b.to_str().expect("utf8"),
        c.to_str().expect("utf8"),
        "--out-dir",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("b.json: kind: unknown kind \"xyz\""), "{err}");
    assert_eq!(files_in(&out), ["a.docx", "c.docx"]);
    let o = vanthu(&[
        "render",
        a.to_str().expect("utf8"),
        c.to_str().expect("utf8"),
        "--out-dir",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vanthu(&[]).status.code(), Some(2));
    assert_eq!(vanthu(&["render"]).status.code(), Some(2));
    assert_eq!(vanthu(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        vanthu(&["new", "--regime", "army", "--kind", "cong-van"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vanthu(&["new", "--regime", "state", "--kind", "thu-tinh"])
            .status
            .code(),
        Some(2)
    );
    let ex = examples_dir().join(CONG_VAN);
    assert_eq!(
        vanthu(&["render", ex.to_str().expect("utf8"), "--rules", "nd99"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(vanthu(&["--help"]).status.code(), Some(0));
}

#[test]
fn new_prints_a_skeleton_that_validates_and_renders() {
    let dir = tempfile::tempdir().expect("tmp");
    for (regime, kind) in [
        ("state", "cong-van"),
        ("state", "quyet-dinh"),
        ("party", "ke-hoach"),
        ("party", "cong-van"),
    ] {
        let o = vanthu(&["new", "--regime", regime, "--kind", kind]);
        assert_eq!(o.status.code(), Some(0));
        let text = String::from_utf8(o.stdout).expect("utf8");
        assert!(text.contains("\"format\": \"vanthu/draft@1\""));
        let p = write(dir.path(), &format!("{regime}-{kind}.json"), &text);
        let out = dir.path().join(format!("{regime}-{kind}.docx"));
        let o = vanthu(&[
            "render",
            p.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

#[test]
fn kinds_lists_both_regimes() {
    let o = vanthu(&["kinds"]);
    let out = String::from_utf8(o.stdout).expect("utf8");
    assert!(
        out.contains("state (nd30-2020, in force since 05/03/2020)"),
        "{out}"
    );
    assert!(
        out.contains("party (hd36-2018, from 03/04/2018, replaced)"),
        "{out}"
    );
    assert!(
        out.contains("party (hd05-2026, in force since 27/05/2026)"),
        "{out}"
    );
    assert!(out.contains("quy-dinh") && out.contains("QyĐ") && out.contains("QĐi"));
    let o = vanthu(&["kinds", "--json", "--regime", "state"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["kinds"].as_array().expect("kinds").len(), 32);
}

#[test]
fn the_libreoffice_engine_without_libreoffice_says_how_to_install_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let ex = examples_dir().join(CONG_VAN);
    let out = dir.path().join("cv.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_vanthu"))
        .args([
            "render",
            ex.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
            "--pdf-engine",
            "libreoffice",
        ])
        .env("PATH", dir.path())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("apt-get install libreoffice-writer-nogui"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}
