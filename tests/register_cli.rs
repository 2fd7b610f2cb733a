//! `vanthu register` on the command line: JSON output, messages and exit codes.

mod common;

use common::cli::{json, register as run, state_register as setup, stderr, EXAMPLE};
use std::path::{Path, PathBuf};

fn dated_example(dir: &Path, date: &str) -> PathBuf {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["date"] = serde_json::Value::String(date.into());
    v["year"] = serde_json::Value::Null;
    let p = dir.join(format!("draft-{date}.json"));
    std::fs::write(&p, serde_json::to_string(&v).expect("json")).expect("write");
    p
}

#[test]
fn reserve_issue_list_search_show_with_json() {
    let (dir, db) = setup();
    let r = json(&run(
        &db,
        &[
            "reserve",
            "--kind",
            "cong-van",
            "--unit",
            "QLVHGĐ",
            "--date",
            "2023-06-01",
            "--json",
        ],
    ));
    for k in [
        "id", "number", "symbol", "date", "kind", "subject", "status",
    ] {
        assert!(r.get(k).is_some(), "reserve --json has {k}");
    }
    assert_eq!(r["symbol"], "01/SVHTTDL-QLVHGĐ");
    assert_eq!(r["status"], "reserved");
    let draft = dated_example(dir.path(), "2023-06-02");
    let out = dir.path().join("out.docx");
    let i = json(&run(
        &db,
        &[
            "issue",
            draft.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
            "--json",
        ],
    ));
    assert_eq!(i["number"], 2);
    assert_eq!(i["symbol"], "02/SVHTTDL-QLVHGĐ");
    assert_eq!(i["date"], "2023-06-02");
    assert_eq!(i["status"], "issued");
    assert!(std::fs::read(&out).expect("docx").starts_with(b"PK"));
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(list["items"].as_array().expect("items").len(), 2);
    assert_eq!(list["items"][0]["id"], i["id"]);
    let found = json(&run(&db, &["search", "xay dung dang", "--json"]));
    assert_eq!(found["items"][0]["symbol"], "02/SVHTTDL-QLVHGĐ");
    let shown = json(&run(&db, &["show", "02/SVHTTDL-QLVHGĐ", "--json"]));
    assert_eq!(shown["signer"], "Phan Văn Hòa");
    assert_eq!(shown["audit"][0]["action"], "issue");
    let check = json(&run(&db, &["check", "--json"]));
    assert_eq!(check["ok"], true);
    for (fmt, magic) in [
        ("xlsx", &b"PK"[..]),
        ("csv", &b"\xEF\xBB\xBF"[..]),
        ("docx", &b"PK"[..]),
    ] {
        let f = dir.path().join(format!("so.{fmt}"));
        let o = run(
            &db,
            &[
                "export",
                "--format",
                fmt,
                "-o",
                f.to_str().expect("utf8"),
                "--year",
                "2023",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::read(&f).expect("export").starts_with(magic));
    }
}

#[test]
fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let (dir, db) = setup();
    let count = |db: &Path| -> usize {
        json(&run(db, &["list", "--json", "--limit", "1000"]))["items"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
    };
    // A draft that fails validation.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"vanthu/draft@1","regime":"state","kind":"cong-van","place":"Lạng Sơn"}"#,
    )
    .expect("write");
    let o = run(&db, &["issue", bad.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("issuer"), "{}", stderr(&o));
    // An unknown register.
    let good = dated_example(dir.path(), "2023-06-02");
    let o = run(
        &db,
        &["issue", good.to_str().expect("utf8"), "--register", "mat"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "error: --register: unknown register \"mat\" (known: main)"
    );
    // Cancelling an issued, sent entry without a reason.
    let i = json(&run(
        &db,
        &["issue", good.to_str().expect("utf8"), "--json"],
    ));
    let id = i["id"].to_string();
    assert!(run(&db, &["correct", &id, "--sent-date", "2023-06-03"])
        .status
        .success());
    let o = run(&db, &["cancel", &id]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--reason: required"), "{}", stderr(&o));
    assert_eq!(
        json(&run(&db, &["show", &id, "--json"]))["status"],
        "issued"
    );
    assert_eq!(count(&db), 1);
    // A bad date argument is a usage error.
    let o = run(
        &db,
        &["reserve", "--kind", "cong-van", "--date", "2023-13-01"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a date"));
    // A corrupt database file.
    let corrupt = dir.path().join("corrupt.sqlite");
    let junk = vec![0x5Au8; 8192];
    std::fs::write(&corrupt, &junk).expect("write");
    let o = run(&corrupt, &["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("damaged or not a database"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&corrupt).expect("read"),
        junk,
        "the file is left as it was"
    );
}

#[test]
fn party_register_with_terms_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("dang.sqlite");
    let o = run(
        &db,
        &[
            "init",
            "--code",
            "dang",
            "--regime",
            "party",
            "--issuer-name",
            "TỈNH ỦY",
            "--issuer-code",
            "TU",
            "--json",
        ],
    );
    let info = json(&o);
    assert_eq!(info["period"], "term");
    assert_eq!(info["per_kind"], true);
    let o = run(
        &db,
        &["reserve", "--kind", "ke-hoach", "--date", "2023-05-16"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no term"), "{}", stderr(&o));
    assert!(run(
        &db,
        &[
            "term",
            "--label",
            "2020-2025",
            "--from",
            "2020-10-16",
            "--to",
            "2025-10-15"
        ]
    )
    .status
    .success());
    let r = json(&run(
        &db,
        &[
            "reserve",
            "--kind",
            "ke-hoach",
            "--date",
            "2023-05-16",
            "--json",
        ],
    ));
    assert_eq!(r["symbol"], "01-KH/TU");
}

#[test]
fn issue_without_register_picks_the_drafts_own_in_a_database_of_several() {
    let (dir, db) = setup();
    let party = [
        "init",
        "--code",
        "dang",
        "--regime",
        "party",
        "--issuer-name",
        "TỈNH ỦY",
        "--issuer-code",
        "TU",
    ];
    assert!(run(&db, &party).status.success());
    let draft = dated_example(dir.path(), "2026-03-02");
    let issued = json(&run(
        &db,
        &["issue", draft.to_str().expect("path"), "--json"],
    ));
    assert_eq!(issued["register"], "main");
    assert_eq!(issued["number"], 1);
    // A draft of an issuer no register numbers is named, and nothing is written.
    let text = std::fs::read_to_string(&draft).expect("draft");
    let other = dir.path().join("other.json");
    std::fs::write(&other, text.replace("\"SVHTTDL\"", "\"SXD\"")).expect("write");
    let o = run(&db, &["issue", other.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("\"SXD\""), "{}", stderr(&o));
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
}
