//! What only a register on a server has: the clerk and drafter roles, moving a local register
//! in, a dropped connection retried, and the server killed mid-issue. Runs against the
//! throwaway PostgreSQL that `make test` starts (`VANTHU_TEST_PG`, and `VANTHU_TEST_PG_DIR`
//! for the crash test); skipped, saying so, without it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;
use common::db::{new_server_db, server};
use vanthu::register::db::params;
use vanthu::register::{Register, Reservation};

use common::cli::BIN;

fn vanthu(db: &str) -> Command {
    let mut c = common::cli::register_command(Path::new(db));
    c.env("USER", "vanthu-test");
    c
}

fn run(db: &str, args: &[&str]) -> std::process::Output {
    vanthu(db).args(args).output().expect("run vanthu")
}

fn init(db: &str) {
    let out = run(db, &common::cli::INIT_STATE);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The same database as another login role.
fn as_role(db: &str, role: &str) -> String {
    db.replacen("vanthu_admin@", &format!("{role}@"), 1)
}

fn admin(base: &str, sql: &str) {
    let mut c = postgres::Client::connect(&format!("{base}/postgres"), postgres::NoTls)
        .expect("admin connection");
    c.batch_execute(sql).expect("admin sql");
}

fn server_or_skip(test: &str) -> Option<String> {
    let s = server();
    if s.is_none() {
        eprintln!("{test}: skipped (no VANTHU_TEST_PG server; `make test` starts one)");
    }
    s
}

#[test]
fn a_drafter_reserves_but_the_server_refuses_its_cancel_issue_and_correction() {
    let Some(base) = server_or_skip("roles") else {
        return;
    };
    let db = new_server_db(&base);
    init(&db);
    admin(
        &base,
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nv_soan') THEN
             CREATE ROLE nv_soan LOGIN IN ROLE vanthu_drafter; END IF;
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vt_chinh') THEN
             CREATE ROLE vt_chinh LOGIN IN ROLE vanthu_clerk; END IF;
         END $$;",
    );
    let drafter = as_role(&db, "nv_soan");
    let clerk = as_role(&db, "vt_chinh");
    let out = run(&drafter, &["reserve", "--kind", "cong-van", "--json"]);
    assert!(
        out.status.success(),
        "a drafter reserves: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(e["number"], 1);
    let id = e["id"].to_string();
    for args in [
        vec!["cancel", id.as_str(), "--reason", "nhầm"],
        vec!["correct", id.as_str(), "--note", "sửa"],
    ] {
        let out = run(&drafter, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("refused this to role \"nv_soan\"") && err.contains("vanthu_clerk"),
            "{args:?}: {err}"
        );
    }
    // Issuing a draft is refused too: a drafter inserts reserved numbers only.
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("cv.json");
    let mut f =
        vanthu::profile::Profile::sample(vanthu::draft::Regime::State).draft_file("cong-van");
    f.subject = Some("Về việc thử quyền".into());
    f.body = Some("Nội dung./.".into());
    f.recipients = vec!["Các phòng".into()];
    f.unit_code = Some("VP".into());
    f.date = Some(chrono::Local::now().date_naive().to_string());
    std::fs::write(&draft, serde_json::to_string(&f).expect("json")).expect("write");
    let draft_arg = draft.to_string_lossy().into_owned();
    let out = run(&drafter, &["issue", &draft_arg]);
    assert_ne!(out.status.code(), Some(0), "a drafter cannot issue");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nv_soan"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing was written by the refused operations: one entry, still reserved.
    let reg = Register::open(Path::new(&clerk)).expect("open as clerk");
    let entry = reg.entry(e["id"].as_i64().expect("id")).expect("entry");
    assert_eq!(entry.status.as_str(), "reserved");
    assert_eq!(
        reg.search(&Default::default()).expect("list").items.len(),
        1
    );
    drop(reg);
    // The clerk cancels; the audit names the OS user and the server role of each change.
    let out = run(&clerk, &["cancel", id.as_str(), "--reason", "nhầm"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reg = Register::open(Path::new(&clerk)).expect("open");
    let audit = reg.audit(entry.id).expect("audit");
    let who: Vec<(&str, Option<&str>, &str)> = audit
        .iter()
        .map(|a| (a.action.as_str(), a.db_role.as_deref(), a.actor.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("reserve", Some("nv_soan"), "vanthu-test"),
            ("cancel", Some("vt_chinh"), "vanthu-test")
        ]
    );
}

#[test]
fn a_local_register_moves_to_the_server_verified_and_only_into_an_empty_one() {
    let Some(base) = server_or_skip("migrate") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("register.sqlite");
    let file_s = file.to_string_lossy().into_owned();
    init(&file_s);
    for _ in 0..3 {
        let out = run(
            &file_s,
            &["reserve", "--kind", "cong-van", "--subject", "Đảng bộ tỉnh"],
        );
        assert!(out.status.success());
    }
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4 signed scan").expect("write");
    assert!(run(&file_s, &["attach", "2", &scan.to_string_lossy()])
        .status
        .success());
    assert!(run(&file_s, &["cancel", "3", "--reason", "hủy"])
        .status
        .success());
    let target = new_server_db(&base);
    let out = run(&file_s, &["migrate", "--to", &target, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows: Vec<(String, u64)> = report["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| {
            (
                t[0].as_str().unwrap_or("").to_string(),
                t[1].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(rows.contains(&("entries".into(), 3)), "{rows:?}");
    assert!(rows.contains(&("files".into(), 1)), "{rows:?}");
    assert!(rows.contains(&("audit".into(), 5)), "{rows:?}");
    let local = Register::open(&file).expect("local");
    let moved = Register::open(Path::new(&target)).expect("server");
    for id in 1..=3 {
        assert_eq!(
            local.detail(id).expect("local"),
            moved.detail(id).expect("moved"),
            "entry {id}"
        );
    }
    assert_eq!(moved.file_data(1).expect("scan"), b"%PDF-1.4 signed scan");
    let hits = moved
        .search(&vanthu::register::Query {
            text: Some("dang bo".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(
        hits.items.len(),
        3,
        "accent-insensitive search on the server"
    );
    // Numbering goes on above the moved numbers, and new ids do not collide.
    drop(moved);
    let out = run(&target, &["reserve", "--kind", "cong-van", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!((e["number"].as_u64(), e["id"].as_u64()), (Some(4), Some(4)));
    // A second move into the same (now non-empty) register is refused.
    let out = run(&file_s, &["migrate", "--to", &target]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already holds a register"), "{err}");
    // An unknown scheme is named, and nothing is created.
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["register", "--db", "mysql://root@db/vanthu", "list"])
        .env_remove("VANTHU_DB")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown location scheme \"mysql://\""),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("mysql:").exists());
}

#[test]
fn a_dropped_connection_is_retried_once() {
    let Some(base) = server_or_skip("reconnect") else {
        return;
    };
    let db = new_server_db(&base);
    init(&db);
    let mut reg = Register::open(Path::new(&db)).expect("open");
    let pid: i32 = reg
        .db()
        .query_row("SELECT pg_backend_pid()", params![], |r| r.get(0))
        .expect("pid");
    admin(&base, &format!("SELECT pg_terminate_backend({pid})"));
    std::thread::sleep(Duration::from_millis(200));
    let e = reg
        .reserve(
            None,
            &Reservation {
                kind: "cong-van".into(),
                ..Default::default()
            },
        )
        .expect("reconnected once and reserved");
    assert_eq!(e.number, 1);
}

#[test]
fn the_server_killed_mid_issue_leaves_no_half_entry_and_numbering_goes_on() {
    let Some(base) = server_or_skip("crash") else {
        return;
    };
    let Some(pg_dir) = std::env::var_os("VANTHU_TEST_PG_DIR").map(PathBuf::from) else {
        eprintln!("crash: skipped (no VANTHU_TEST_PG_DIR)");
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-throwaway.sh");
    let db = new_server_db(&base);
    init(&db);
    let children: Vec<_> = (0..8)
        .map(|_| {
            vanthu(&db)
                .args(["reserve", "--kind", "cong-van", "--repeat", "1000000"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let st = Command::new("bash")
        .arg(&script)
        .arg("kill")
        .arg(&pg_dir)
        .status()
        .expect("pg_ctl stop -m immediate");
    assert!(st.success());
    let mut reported: Vec<(i64, u32)> = Vec::new();
    for mut child in children {
        let stdout = child.stdout.take().expect("stdout");
        let lines: Vec<(i64, u32)> = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let mut it = l.split('\t');
                (
                    it.next().and_then(|s| s.parse().ok()).expect("id"),
                    it.next().and_then(|s| s.parse().ok()).expect("number"),
                )
            })
            .collect();
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(1), "the client reports the failure");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("register server") || err.contains("connect"),
            "a clear message: {err}"
        );
        reported.extend(lines);
    }
    assert!(
        !reported.is_empty(),
        "numbers were committed before the crash"
    );
    let st = Command::new("bash")
        .arg(&script)
        .arg("restart")
        .arg(&pg_dir)
        .status()
        .expect("restart");
    assert!(st.success());
    let reg = Register::open(Path::new(&db)).expect("open after restart");
    let stored: std::collections::HashMap<i64, u32> = reg
        .db()
        .query_map("SELECT id, number FROM entries", params![], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("rows")
        .into_iter()
        .collect();
    for (id, n) in &reported {
        assert_eq!(stored.get(id), Some(n), "committed entry {id} survives");
    }
    let audited: i64 = reg
        .db()
        .query_row("SELECT count(*) FROM audit", params![], |r| r.get(0))
        .expect("audit");
    assert_eq!(
        audited as usize,
        stored.len(),
        "no entry without its audit record"
    );
    let mut numbers: Vec<u32> = stored.values().copied().collect();
    numbers.sort_unstable();
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(numbers, expected, "no gap, no double");
    assert!(reg.check().expect("check").ok);
    drop(reg);
    let out = run(&db, &["reserve", "--kind", "cong-van", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(e["number"], numbers.len() as u64 + 1);
}
