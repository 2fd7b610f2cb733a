//! `vanthu check` end to end: output formats, exit codes, `--fix`, malformed input.

use std::process::Command;

fn vanthu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanthu"))
}

fn example(name: &str) -> String {
    format!(
        "{}/tests/corpus/clean/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_clean_letter_exits_zero() {
    let p = format!(
        "{}/tests/corpus/clean/01-cong-van-phong-chong-thien-tai.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = vanthu().args(["check", &p]).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn findings_print_one_per_line_and_errors_exit_one() {
    let out = vanthu()
        .args(["check", &example("cong-van-lang-son-2023.json")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("citations.no-symbol"))
        .expect("the citation without its symbol");
    assert!(line.starts_with("error citations.no-symbol "), "{line}");
    assert!(line.contains(":body:1:"), "{line}");
    assert!(line.contains("Công văn số 2373"), "{line}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("warning form.special-noun ") && l.ends_with("[→ «Nhân dân»]")),
        "{stdout}"
    );
}

#[test]
fn json_output_is_an_array_of_findings() {
    let out = vanthu()
        .args(["check", &example("cong-van-lang-son-2023.json"), "--json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let arr = v.as_array().expect("array");
    let f = arr
        .iter()
        .find(|f| f["rule"] == "citations.no-symbol")
        .expect("finding");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["field"], "body");
    assert_eq!(f["line"], 1);
    assert_eq!(f["excerpt"], "Công văn số 2373");
    assert!(f["message"].as_str().is_some_and(|m| m.contains("ký hiệu")));
    assert!(f.get("fix").is_none());
    let fixable = arr
        .iter()
        .find(|f| f["rule"] == "consistency.loanword")
        .expect("loanword");
    assert_eq!(fixable["fix"], "pa nô");
    assert_eq!(fixable["excerpt"], "pano");
    for k in ["column", "start", "end"] {
        assert!(f[k].is_u64(), "{k}");
    }
}

#[test]
fn fix_writes_a_new_file_and_keeps_the_input() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("thu.txt");
    let text = "Các đơn vị  thực hiện Quyết định số12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh , bảo đảm tiến độ.\n";
    std::fs::write(&p, text).expect("write");
    let out = vanthu()
        .args(["check", p.to_str().expect("path"), "--fix"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fixed_path = dir.path().join("thu.fixed.txt");
    assert!(
        stderr.contains(&fixed_path.display().to_string()),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&p).expect("input"), text);
    assert_eq!(
        std::fs::read_to_string(&fixed_path).expect("fixed"),
        "Các đơn vị thực hiện Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh, bảo đảm tiến độ.\n"
    );
    let again = vanthu()
        .args(["check", fixed_path.to_str().expect("path")])
        .output()
        .expect("run");
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[test]
fn fix_on_a_draft_writes_a_draft() {
    let dir = tempfile::tempdir().expect("tmp");
    let out_path = dir.path().join("fixed.json");
    let out = vanthu()
        .args([
            "check",
            &example("cong-van-lang-son-2023.json"),
            "--out",
            out_path.to_str().expect("path"),
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let d = vanthu::draft::load(&out_path).expect("a valid draft");
    assert!(d.body.contains("băng pa nô"));
    assert!(d.body.contains("dựa vào Nhân dân"));
}

fn refused(bytes: &[u8], name: &str, needle: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    let out = vanthu()
        .args(["check", p.to_str().expect("path")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(needle), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_input_gets_a_clear_message() {
    refused(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "anh.txt", "binary file");
    refused(b"C\xe1c \xff\xfe don vi", "latin.txt", "not UTF-8");
    refused(&vec![b'a'; 10 * 1024 * 1024], "big.txt", "too large");
    refused(b"{\"format\": ", "cut.json", "truncated JSON");
}

#[test]
fn a_missing_file_is_an_error() {
    let out = vanthu()
        .args(["check", "/nonexistent/thu.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/thu.txt"));
}

#[test]
fn without_a_dictionary_the_rules_still_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("thu.txt");
    std::fs::write(&p, "Tổng kết nhữg kết quả và tình hình khuểnh khoáng.\n").expect("write");
    let run = |env: Option<&str>| {
        let mut c = vanthu();
        c.args(["check", p.to_str().expect("path")]);
        if let Some(v) = env {
            c.env("VANTHU_HUNSPELL_DIR", v);
        }
        String::from_utf8_lossy(&c.output().expect("run").stdout).into_owned()
    };
    let without = run(Some(""));
    assert!(
        without.contains("spelling.syllable") && without.contains("nhữg"),
        "{without}"
    );
    assert!(!without.contains("spelling.unknown"), "{without}");
    if std::path::Path::new("/usr/share/hunspell/vi_VN.dic").exists() {
        let with = run(None);
        assert!(
            with.contains("spelling.unknown") && with.contains("khuểnh"),
            "{with}"
        );
    }
}

#[test]
fn a_word_slip_is_reported_in_json_and_fixed_when_certain() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("thu.txt");
    let text = "Đề nghị các đơn vị phối hớp với Sở Tài chính triễn khai thực hiện.\n";
    std::fs::write(&p, text).expect("write");
    let out = vanthu()
        .args(["check", p.to_str().expect("path"), "--json"])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let words: Vec<&serde_json::Value> = v
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["rule"] == "word.misspelt")
        .collect();
    assert_eq!(words.len(), 2, "{v:#}");
    assert_eq!(words[0]["severity"], "warning");
    assert_eq!(words[0]["excerpt"], "phối hớp");
    assert_eq!(words[0]["fix"], "phối hợp");
    assert_eq!(
        (words[0]["start"].as_u64(), words[0]["end"].as_u64()),
        (Some(19), Some(27))
    );
    assert_eq!(words[1]["excerpt"], "triễn khai");
    let out = vanthu()
        .args(["check", p.to_str().expect("path"), "--fix"])
        .output()
        .expect("run");
    assert!(out.status.code().is_some());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("thu.fixed.txt")).expect("fixed"),
        "Đề nghị các đơn vị phối hợp với Sở Tài chính triển khai thực hiện.\n"
    );
}
