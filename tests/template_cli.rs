//! `vanthu template …` end to end, with the data directory in a temporary folder.

use std::process::{Command, Output};

fn vanthu(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanthu"))
        .args(args)
        .env("VANTHU_DATA_DIR", data)
        .output()
        .expect("run vanthu")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn list_show_fill() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = vanthu(dir.path(), &["template", "list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    for n in [
        "cong-van-trien-khai",
        "giay-moi-hop",
        "bien-ban-hop",
        "dang-ke-hoach",
        "dang-thong-bao",
    ] {
        assert!(names.contains(&n), "{n}");
    }
    let out = vanthu(dir.path(), &["template", "show", "giay-moi-hop"]);
    assert!(
        text(&out.stdout).contains("ngay_hop"),
        "{}",
        text(&out.stdout)
    );

    let out = vanthu(
        dir.path(),
        &[
            "template",
            "fill",
            "giay-moi-hop",
            "--set",
            "ngay_hop=2025-05-06",
            "--set",
            "dia_diem=Phòng họp số 2 <tầng 3> & \"A\"",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let d = vanthu::draft::from_json(&text(&out.stdout)).expect("a valid draft");
    assert!(
        d.body.contains("thứ Ba, ngày 06 tháng 5 năm 2025"),
        "{}",
        d.body
    );
    assert!(
        d.body.contains("Phòng họp số 2 <tầng 3> & \"A\""),
        "{}",
        d.body
    );
}

#[test]
fn bad_values_and_usage_are_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = vanthu(
        dir.path(),
        &[
            "template",
            "fill",
            "giay-moi-hop",
            "--set",
            "ngay_hop=2025-13-40",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("error: ngay_hop: \"2025-13-40\" is not a date"),
        "{}",
        text(&out.stderr)
    );
    let out = vanthu(
        dir.path(),
        &["template", "fill", "bao-cao-dinh-ky", "--set", "ky=quý V"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("ky: unknown choice"),
        "{}",
        text(&out.stderr)
    );
    let out = vanthu(
        dir.path(),
        &["template", "fill", "to-trinh", "--set", "noequals"],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = vanthu(dir.path(), &["template", "fill", "khong-co"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("template khong-co: not found"));
}

#[test]
fn save_export_import_and_broken_import() {
    let dir = tempfile::tempdir().expect("tmp");
    let draft = dir.path().join("d.json");
    let out = vanthu(dir.path(), &["template", "fill", "to-trinh"]);
    std::fs::write(&draft, &out.stdout).expect("write draft");
    let d = draft.to_str().expect("utf8");
    let out = vanthu(
        dir.path(),
        &[
            "template",
            "save",
            d,
            "to-trinh-rieng",
            "--var",
            "subject",
            "--var",
            "body",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = vanthu(
        dir.path(),
        &["template", "save", d, "to-trinh", "--var", "subject"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("built-in template cannot be overwritten"));

    let file = dir.path().join("x.toml");
    let f = file.to_str().expect("utf8");
    assert_eq!(
        vanthu(
            dir.path(),
            &["template", "export", "to-trinh-rieng", "-o", f]
        )
        .status
        .code(),
        Some(0)
    );
    // Exporting to a file that is not TOML, or onto the saved template itself, is refused
    // and leaves the file as it was (absent, or unchanged).
    let own = walk(dir.path())
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "to-trinh-rieng.toml"))
        .expect("the saved template's file");
    for (target, why) in [
        (dir.path().join("x.txt"), ".toml"),
        (own, "the saved template"),
    ] {
        let before = std::fs::read(&target).ok();
        let out = vanthu(
            dir.path(),
            &[
                "template",
                "export",
                "to-trinh-rieng",
                "-o",
                target.to_str().expect("utf8"),
            ],
        );
        assert_ne!(out.status.code(), Some(0));
        assert!(text(&out.stderr).contains(why), "{}", text(&out.stderr));
        assert_eq!(std::fs::read(&target).ok(), before);
    }
    let other = tempfile::tempdir().expect("tmp");
    assert_eq!(
        vanthu(other.path(), &["template", "import", f])
            .status
            .code(),
        Some(0)
    );
    let out = vanthu(
        other.path(),
        &[
            "template",
            "fill",
            "to-trinh-rieng",
            "--set",
            "trich_yeu=về việc {{ x }}",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\"subject\": \"về việc {{ x }}\""));

    // A broken template is refused with its line and column, and nothing is stored.
    let src = std::fs::read_to_string(&file)
        .expect("read")
        .replace("name = \"to-trinh-rieng\"", "name = \"hong\"")
        + "\n";
    let src = src.replacen("\"{{ trich_yeu }}\"", "\"{{ trich_yeu | upper\"", 1);
    std::fs::write(&file, src).expect("write");
    let out = vanthu(other.path(), &["template", "import", f]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: template hong: line ")
            && err.contains("column")
            && err.contains("(subject)"),
        "{err}"
    );
    assert!(!other.path().join("templates/hong.toml").exists());
}

/// Every file below `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
