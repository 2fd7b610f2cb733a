//! Issue 16, "nothing lost, nothing doubled": the command line under faults and hostile input.

mod common;

use common::cli::{
    json, register as run, state_register as setup, stderr, stdout, vanthu, BIN, EXAMPLE,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The example draft with `edit` applied, written to `dir/name`.
fn draft_with(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["date"] = "2023-06-01".into();
    v["year"] = serde_json::Value::Null;
    edit(&mut v);
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string(&v).expect("json")).expect("write");
    p
}

fn issue(db: &Path, draft: &Path) -> serde_json::Value {
    json(&run(db, &["issue", s(draft), "--json"]))
}

#[test]
fn restore_refuses_to_lose_issued_entries_and_never_rewinds_numbering() {
    let (dir, db) = setup();
    let draft = draft_with(dir.path(), "d.json", |_| {});
    for n in 1..=5 {
        assert_eq!(issue(&db, &draft)["number"], n);
    }
    let bak = dir.path().join("bak.sqlite");
    assert!(run(&db, &["backup", s(&bak)]).status.success());
    for n in 6..=8 {
        assert_eq!(issue(&db, &draft)["number"], n);
    }
    let o = run(&db, &["restore", s(&bak)]);
    assert_eq!(o.status.code(), Some(1), "refused");
    let err = stderr(&o);
    assert!(err.contains("lacks 3 issued entries"), "{err}");
    for n in ["06/", "07/", "08/"] {
        assert!(err.contains(n), "names {n}: {err}");
    }
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(8),
        "nothing changed"
    );

    let o = run(&db, &["restore", s(&bak), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lost: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| l.starts_with("lost\t"))
        .map(|l| l.split('\t').nth(2).unwrap_or("").to_string())
        .collect();
    assert_eq!(
        lost,
        [
            "06/SVHTTDL-QLVHGĐ",
            "07/SVHTTDL-QLVHGĐ",
            "08/SVHTTDL-QLVHGĐ"
        ]
    );
    assert!(stderr(&o).contains("next number 9"), "{}", stderr(&o));
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(list["items"].as_array().map(Vec::len), Some(5));
    // The safety copy, taken under the same lock, holds all 8.
    let safety = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.to_string_lossy().ends_with(".sqlite")
                && p.to_string_lossy().contains("before-restore")
        })
        .expect("safety copy");
    let list = json(&run(&safety, &["list", "--json"]));
    assert_eq!(list["items"].as_array().map(Vec::len), Some(8));
    // The next number continues above every number ever handed out.
    assert_eq!(issue(&db, &draft)["number"], 9);
    let check = json(&run(&db, &["check", "--json"]));
    assert_eq!(check["ok"], true, "{check}");
    // Restoring the same backup again still does not rewind.
    let o = run(&db, &["restore", s(&bak), "--force", "--json"]);
    let r = json(&o);
    assert_eq!(r["lost"].as_array().map(Vec::len), Some(1));
    assert_eq!(r["continues"][0]["next"], 10);
}

#[test]
fn restore_over_a_damaged_database_works() {
    let (dir, db) = setup();
    let draft = draft_with(dir.path(), "d.json", |_| {});
    issue(&db, &draft);
    issue(&db, &draft);
    let bak = dir.path().join("bak.sqlite");
    assert!(run(&db, &["backup", s(&bak)]).status.success());
    std::fs::write(&db, vec![0x5Au8; 8192]).expect("damage");
    let o = run(&db, &["list"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&db, &["restore", s(&bak)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(list["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(issue(&db, &draft)["number"], 3);
    // The damaged file is kept aside as it was.
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .count();
    assert_eq!(kept, 1);
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

#[test]
fn no_command_writes_onto_its_inputs_or_the_database() {
    let (dir, db) = setup();
    let draft = draft_with(dir.path(), "cv.json", |_| {});
    let before = std::fs::read(&draft).expect("draft");
    // render onto the draft itself (also through another spelling of the path).
    let dotted = dir.path().join(".").join("cv.json");
    for out in [&draft, &dotted] {
        let o = vanthu(&["render", s(&draft), "-o", s(out), "--format", "docx"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("ends in .json"), "{}", stderr(&o));
    }
    let o = vanthu(&["render", s(&draft), "-o", s(&draft), "--format", "docx"]);
    assert!(!o.status.success());
    // A draft named .docx rendered onto itself is refused as an input, not by extension.
    let odd = dir.path().join("odd.docx");
    std::fs::copy(&draft, &odd).expect("copy");
    let o = vanthu(&["render", s(&odd), "-o", s(&odd)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a draft"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&odd).expect("odd"), before);
    assert_eq!(std::fs::read(&draft).expect("draft"), before);
    // Any extension is no longer accepted.
    let o = vanthu(&["render", s(&draft), "-o", s(&dir.path().join("x.txt"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("x.txt ends in .txt"), "{}", stderr(&o));
    assert!(!dir.path().join("x.txt").exists());
    // The live database: issue -o, export -o, show --docx. No number is taken.
    let db_before = std::fs::read(&db).expect("db");
    let o = run(&db, &["issue", s(&draft), "-o", s(&db)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ends in .sqlite"), "{}", stderr(&o));
    let docx_db = dir.path().join("r.docx");
    std::fs::copy(&db, &docx_db).expect("copy");
    let o = vanthu(&[
        "register",
        "--db",
        s(&docx_db),
        "issue",
        s(&draft),
        "-o",
        s(&docx_db),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the open register database"),
        "{}",
        stderr(&o)
    );
    let o = vanthu(&[
        "register",
        "--db",
        s(&docx_db),
        "export",
        "--format",
        "docx",
        "-o",
        s(&docx_db),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the open register database"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "-o",
            s(&dir.path().join("so.xlsx")),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("so.xlsx ends in .xlsx, but the file written is .csv"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&db).expect("db"), db_before);
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(0),
        "no number taken"
    );
    let e = issue(&db, &draft);
    let id = e["id"].to_string();
    let o = run(&db, &["show", &id, "--docx", s(&db)]);
    assert_eq!(o.status.code(), Some(1));
    let check = json(&run(&db, &["check", "--json"]));
    assert_eq!(check["ok"], true);
}

#[test]
fn out_dir_collisions_are_named_apart_and_a_file_is_not_a_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).expect("a");
    std::fs::create_dir_all(&b).expect("b");
    let da = draft_with(&a, "cv.json", |v| v["subject"] = "Về việc thứ nhất".into());
    let db = draft_with(&b, "cv.json", |v| v["subject"] = "Về việc thứ hai".into());
    let od = dir.path().join("od");
    let o = vanthu(&["render", s(&da), s(&db), "--out-dir", s(&od)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("rendered 2 of 2"), "{err}");
    assert!(
        err.contains(&format!(
            "{} → {}",
            db.display(),
            od.join("cv-2.docx").display()
        )),
        "{err}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&od)
        .expect("od")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["cv-2.docx", "cv.docx"]);
    // Each file holds its own draft (the first keeps the plain name).
    let text = |p: &Path| {
        let bytes = std::fs::read(p).expect("docx");
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("doc"), &mut s)
            .expect("xml");
        s
    };
    assert!(text(&od.join("cv.docx")).contains("thứ nhất"));
    assert!(text(&od.join("cv-2.docx")).contains("thứ hai"));
    // --out-dir naming a file.
    let f = dir.path().join("plain.txt");
    std::fs::write(&f, "x").expect("write");
    let o = vanthu(&["render", s(&da), "--out-dir", s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a file, not a folder"),
        "{}",
        stderr(&o)
    );
}

/// Files written get the umask's mode, not always 0600.
#[cfg(unix)]
#[test]
fn output_files_get_the_umasks_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = draft_with(dir.path(), "cv.json", |_| {});
    let out = dir.path().join("cv.docx");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && exec '{BIN}' render '{}' -o '{}'",
            s(&draft),
            s(&out)
        ))
        .output()
        .expect("sh");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&out), 0o644);
    std::fs::remove_file(&out).expect("rm");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077 && exec '{BIN}' render '{}' -o '{}'",
            s(&draft),
            s(&out)
        ))
        .output()
        .expect("sh");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&out), 0o600);
}

fn days_from_today(n: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(n)).to_string()
}

#[test]
fn future_dates_are_refused_unless_allowed_and_a_wrong_date_is_corrected() {
    let (dir, db) = setup();
    let ahead = days_from_today(20);
    let today = days_from_today(0);
    let reserve = |date: &str| {
        run(
            &db,
            &["reserve", "--kind", "cong-van", "--date", date, "--json"],
        )
    };
    let o = reserve(&ahead);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("date: {ahead} is later than today ({today})")),
        "{}",
        stderr(&o)
    );
    // A draft dated ahead takes no number either.
    let draft = draft_with(dir.path(), "ahead.json", |v| {
        v["date"] = ahead.clone().into()
    });
    let o = run(&db, &["issue", s(&draft)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("later than today"), "{}", stderr(&o));
    // The register can allow it explicitly.
    let o = run(&db, &["config", "--allow-future-dates", "on"]);
    assert_eq!(stdout(&o).trim(), "allow-future-dates: on");
    let r = json(&reserve(&ahead));
    assert_eq!(r["number"], 1);
    assert!(run(&db, &["config", "--allow-future-dates", "off"])
        .status
        .success());
    // That reservation blocks today's issue until its date is corrected (audited).
    let draft = draft_with(dir.path(), "today.json", |v| {
        v["date"] = today.clone().into()
    });
    let o = run(&db, &["issue", s(&draft)]);
    assert_eq!(o.status.code(), Some(1));
    let id = r["id"].to_string();
    let c = json(&run(&db, &["correct", &id, "--date", &today, "--json"]));
    assert_eq!(c["date"], today.as_str());
    let shown = json(&run(&db, &["show", &id, "--json"]));
    let audit = shown["audit"].as_array().expect("audit");
    let last = audit.last().expect("a record");
    assert_eq!(last["action"], "correct");
    assert!(last["detail"].to_string().contains(&ahead), "{last}");
    assert_eq!(issue(&db, &draft)["number"], 2);
    // A correction may not move a date out of the order of numbers.
    let o = run(&db, &["correct", &id, "--date", &ahead]);
    assert_eq!(o.status.code(), Some(1));
    // Year 0000 and 9999 are refused by validate and on the command line.
    for bad in ["0000-01-01", "9999-12-31"] {
        let d = draft_with(dir.path(), "bad.json", |v| v["date"] = bad.into());
        let o = vanthu(&["validate", s(&d)]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        assert!(
            stderr(&o).contains("not a plausible date"),
            "{}",
            stderr(&o)
        );
        let o = reserve(bad);
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
}

fn document_xml(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("doc"), &mut s)
        .expect("xml");
    s
}

#[test]
fn word_and_web_characters_are_normalised_or_refused_naming_the_field() {
    let (dir, db) = setup();
    // What Word and web pages paste is normalised: the draft validates and renders well-formed.
    let pasted = draft_with(dir.path(), "pasted.json", |v| {
        v["body"] = "Dòng một\u{b}dòng hai.\u{c}Đoạn\u{a0}mới\u{200b}.".into();
        v["subject"] = "Về việc\u{a0}tổ chức\u{200b}".into();
    });
    let o = vanthu(&["validate", s(&pasted)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("pasted.docx");
    let o = vanthu(&["render", s(&pasted), "-o", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = document_xml(&std::fs::read(&out).expect("docx"));
    roxmltree::Document::parse(&xml).expect("well-formed XML");
    assert!(!xml.contains('\u{b}') && !xml.contains('\u{c}') && !xml.contains('\u{200b}'));
    assert!(xml.contains("Đoạn mới."), "NBSP became a space, ZWSP went");
    assert!(xml.contains("<w:br"), "VT became a line break");
    // What XML cannot carry is refused, naming the field, and no number is taken.
    for (field, bad) in [
        ("body", "Nội dung\u{7} có chuông."),
        ("body", "Nội dung \u{ffff}."),
        ("subject", "Về việc\u{1b}[31m đỏ"),
        ("place", "Lạng\u{fffe} Sơn"),
    ] {
        let d = draft_with(dir.path(), "bad.json", |v| v[field] = bad.into());
        let o = vanthu(&["validate", s(&d)]);
        assert_eq!(o.status.code(), Some(1), "{field}");
        let err = stderr(&o);
        assert!(err.contains(&format!("{field}: contains U+")), "{err}");
        let o = run(&db, &["issue", s(&d)]);
        assert_eq!(o.status.code(), Some(1), "{field}");
    }
    let list = json(&run(&db, &["list", "--json"]));
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(0),
        "no number taken"
    );
    // A subject of zero-width spaces is empty.
    let d = draft_with(dir.path(), "zw.json", |v| {
        v["subject"] = "\u{200b}\u{200b}\u{feff}".into()
    });
    let o = vanthu(&["validate", s(&d)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("subject: required"), "{}", stderr(&o));
    // Register fields too.
    let o = run(
        &db,
        &[
            "reserve",
            "--kind",
            "cong-van",
            "--note",
            "ghi chú\u{1b}[2J",
            "--date",
            "2023-06-01",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("note: contains U+001B"),
        "{}",
        stderr(&o)
    );
    let r = json(&run(
        &db,
        &[
            "reserve",
            "--kind",
            "cong-van",
            "--date",
            "2023-06-01",
            "--json",
        ],
    ));
    let id = r["id"].to_string();
    let o = run(&db, &["correct", &id, "--recipients", "Sở\u{2}Tài chính"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("recipients: contains U+0002"),
        "{}",
        stderr(&o)
    );
    // An ESC sequence already stored (an older version let it in) is not printed raw.
    {
        let c = rusqlite::Connection::open(&db).expect("open");
        c.execute(
            "UPDATE entries SET note = 'xin \u{1b}[2J chào', subject = 'a\u{1b}]0;x\u{7}b'",
            [],
        )
        .expect("tamper");
    }
    let o = run(&db, &["show", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("Ghi chú: xin \\u{1b}[2J chào"), "{out}");
    let o = run(&db, &["list"]);
    assert!(!stdout(&o).contains('\u{1b}'));
    // A line break pasted into a subject (Word's Shift+Enter) keeps the listing one row an
    // entry, six columns each.
    {
        let c = rusqlite::Connection::open(&db).expect("open");
        c.execute("UPDATE entries SET subject = 'dòng một\ndòng\thai'", [])
            .expect("tamper");
    }
    let o = run(&db, &["list"]);
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("dòng")).collect();
    assert!(!rows.is_empty(), "{out}");
    for r in rows {
        assert_eq!(r.split('\t').count(), 6, "{r:?}");
        assert!(r.ends_with("dòng một dòng hai"), "{r:?}");
    }
    // Template values.
    let data = tempfile::tempdir().expect("data");
    let o = Command::new(BIN)
        .args([
            "template",
            "fill",
            "giay-moi-hop",
            "--set",
            "ngay_hop=2025-05-06",
            "--set",
        ])
        .arg("dia_diem=Phòng\u{b}họp\u{1}")
        .env("VANTHU_DATA_DIR", data.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("dia_diem: contains U+0001"),
        "{}",
        stderr(&o)
    );
}

fn template_cmd(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("VANTHU_DATA_DIR", data)
        .env_remove("VANTHU_DB")
        .output()
        .expect("run vanthu")
}

const HEAVY: &str = r#"format = "vanthu/template@1"
name = "vong-lap"
title = "Vòng lặp lồng nhau"
description = "Thử ngân sách."
regime = "state"
kind = "cong-van"

[draft]
subject = "thử vòng lặp"
recipients = ["Sở Tài chính"]
body = '''
{% for i in range(end=100000) %}{% for j in range(end=100000) %}Một dòng rất dài của văn bản. {% endfor %}{% endfor %}
'''
"#;

#[test]
fn template_rendering_and_value_files_have_budgets() {
    let data = tempfile::tempdir().expect("data");
    let f = data.path().join("vong-lap.toml");
    std::fs::write(&f, HEAVY).expect("write");
    let o = template_cmd(data.path(), &["template", "import", s(&f)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let started = std::time::Instant::now();
    let o = template_cmd(data.path(), &["template", "fill", "vong-lap"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("template vong-lap (body)"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("budget"), "{}", stderr(&o));
    assert!(
        started.elapsed().as_secs() < 20,
        "bounded: {:?}",
        started.elapsed()
    );
    // Output with no loop over the budget: a huge value repeated by a small loop.
    let wide = HEAVY.replace("vong-lap", "vong-rong").replace(
        "range(end=100000) %}{% for j in range(end=100000)",
        "range(end=300) %}{% for j in range(end=300)",
    );
    let f = data.path().join("vong-rong.toml");
    std::fs::write(&f, wide).expect("write");
    assert!(template_cmd(data.path(), &["template", "import", s(&f)])
        .status
        .success());
    let o = template_cmd(data.path(), &["template", "fill", "vong-rong"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("renders more than"), "{}", stderr(&o));
    // --set-file: a device, a FIFO and a folder are refused; a large file is cut at the limit.
    let fill_with = |path: &str| {
        template_cmd(
            data.path(),
            &[
                "template",
                "fill",
                "giay-moi-hop",
                "--set",
                "ngay_hop=2025-05-06",
                "--set-file",
                &format!("dia_diem={path}"),
            ],
        )
    };
    for dev in ["/dev/zero", "/dev/null"] {
        let o = fill_with(dev);
        assert_eq!(o.status.code(), Some(1), "{dev}");
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
    #[cfg(unix)]
    {
        let fifo = data.path().join("fifo");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .map(|st| st.success());
        if made.unwrap_or(false) {
            let o = fill_with(s(&fifo));
            assert_eq!(o.status.code(), Some(1));
            assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
        }
    }
    let big = data.path().join("big.txt");
    std::fs::write(&big, "a".repeat(4 * 1024 * 1024)).expect("write");
    let o = fill_with(s(&big));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("too large"), "{}", stderr(&o));
}

/// The checker is linear: a 200,000-letter word takes about ten times a 20,000-letter one,
/// and at most 50 ms in a release build.
#[test]
fn the_checker_is_linear_on_a_long_run_of_one_letter() {
    let time = |n: usize| {
        let text = format!("Văn bản {}.", "a".repeat(n));
        let t = std::time::Instant::now();
        let findings = vanthu::lint::check_text(&text);
        assert!(!findings.is_empty(), "the long word is reported");
        t.elapsed()
    };
    time(1000);
    let small = time(20_000);
    let large = time(200_000);
    let bound = if cfg!(debug_assertions) { 2000 } else { 50 };
    assert!(large.as_millis() <= bound, "{large:?} for 200,000 letters");
    assert!(
        large <= small * 40 + std::time::Duration::from_millis(20),
        "not linear: {small:?} for 20,000, {large:?} for 200,000"
    );
}

#[test]
fn csv_export_neutralises_formulas() {
    let (dir, db) = setup();
    let r = json(&run(
        &db,
        &[
            "reserve",
            "--kind",
            "cong-van",
            "--date",
            "2023-06-01",
            "--subject",
            "=HYPERLINK(\"http://x.invalid\",\"bấm\")",
            "--note",
            "@SUM(A1:A9)",
            "--json",
        ],
    ));
    let id = r["id"].to_string();
    assert!(run(
        &db,
        &[
            "correct",
            &id,
            "--recipients=-2+3",
            "--signer=+Nguyễn Văn A",
            "--archive",
            "Lưu: VT"
        ]
    )
    .status
    .success());
    let out = dir.path().join("so.csv");
    let o = run(
        &db,
        &["export", "--format", "csv", "-o", s(&out), "--year", "2023"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("csv");
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let row = rd.records().next().expect("a row").expect("record");
    let cells: Vec<&str> = row.iter().collect();
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} in {cells:?}"
        );
    }
    // The subject and the note sit inside composed cells (`Công văn V/v …`): not at the start.
    assert!(cells.iter().any(|c| c.contains("=HYPERLINK(")), "{cells:?}");
    assert!(cells.contains(&"'-2+3"), "{cells:?}");
    assert!(cells.contains(&"'+Nguyễn Văn A"), "{cells:?}");
    assert!(cells.iter().any(|c| c.contains("@SUM(A1:A9)")), "{cells:?}");
    assert!(
        cells.contains(&"Lưu: VT"),
        "other cells as they are: {cells:?}"
    );
}

#[test]
fn messages_say_what_is_wrong_and_reading_commands_create_nothing() {
    let (dir, db) = setup();
    assert!(run(
        &db,
        &["reserve", "--kind", "cong-van", "--date", "2023-06-01"]
    )
    .status
    .success());
    // A read-only database: check does not call the search index damaged.
    let uri = format!("file:{}?mode=ro", s(&db));
    let o = vanthu(&["register", "--db", &uri, "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("search index: not checked (the database is read-only)"),
        "{out}"
    );
    assert!(!out.contains("damaged"), "{out}");
    assert!(
        !dir.path().join("file:").exists(),
        "no folder made of the URI"
    );
    // VANTHU_DB naming a device or a folder.
    for (bad, what) in [
        ("/dev/null", "a device or other special file"),
        (s(dir.path()), "a folder"),
    ] {
        let o = Command::new(BIN)
            .args(["register", "list"])
            .env("VANTHU_DB", bad)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(1), "{bad}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{bad}: {what}, not a register database file")),
            "{err}"
        );
        assert!(
            !err.contains("rusqlite") && !err.contains("migration"),
            "{err}"
        );
    }
    // A mistyped path: reading commands create neither the file nor its folders.
    let typo = dir.path().join("nhầm").join("so.sqlite");
    for args in [
        &["list"][..],
        &["check"],
        &["show", "1"],
        &["registers"],
        &["search", "dang"],
        &[
            "export",
            "--format",
            "csv",
            "-o",
            s(&dir.path().join("x.csv")),
        ],
    ] {
        let o = run(&typo, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains("no register database here"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(
            !dir.path().join("nhầm").exists(),
            "{args:?} created a folder"
        );
    }
    assert!(!dir.path().join("x.csv").exists());
}

/// The issue's probe: a restore while another process reserves numbers. Every number the
/// other process reported is either in the restored database or listed as lost, and no
/// number goes out twice.
#[test]
fn restore_while_another_process_issues_loses_nothing_silently() {
    let (dir, db) = setup();
    assert!(run(
        &db,
        &["reserve", "--kind", "cong-van", "--date", "2023-06-01"]
    )
    .status
    .success());
    let bak = dir.path().join("bak.sqlite");
    assert!(run(&db, &["backup", s(&bak)]).status.success());
    let child = Command::new(BIN)
        .args([
            "register",
            "--db",
            s(&db),
            "reserve",
            "--kind",
            "cong-van",
            "--date",
            "2023-06-02",
            "--repeat",
            "60",
        ])
        .env_remove("VANTHU_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(150));
    let o = run(&db, &["restore", s(&bak), "--force", "--json"]);
    let report = json(&o);
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reported: Vec<i64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split('\t').nth(1)?.parse().ok())
        .collect();
    assert_eq!(reported.len(), 60);
    let mut distinct = reported.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 60, "no number twice: {reported:?}");
    let lost: Vec<i64> = report["lost"]
        .as_array()
        .expect("lost")
        .iter()
        .filter_map(|e| e["number"].as_i64())
        .collect();
    let list = json(&run(&db, &["list", "--json", "--limit", "1000"]));
    let kept: Vec<i64> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["number"].as_i64())
        .collect();
    for n in &reported {
        assert!(kept.contains(n) || lost.contains(n), "number {n} vanished");
    }
    let check = json(&run(&db, &["check", "--json"]));
    assert_eq!(check["ok"], true, "{check}");
}
