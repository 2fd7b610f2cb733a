//! Processes issuing at once, and a process killed with SIGKILL mid-issue, against the real
//! `vanthu` binary: never a doubled number, never a gap, never a lost commit. On SQLite, or
//! on the throwaway PostgreSQL server when `VANTHU_TEST_PG` is set (the same tests).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

mod common;
use vanthu::register::db::params;
use vanthu::register::Register;

use common::cli::register_command as vanthu;

fn init(db: &Path) {
    init_with(db, &[]);
}

fn init_with(db: &Path, extra: &[&str]) {
    let st = vanthu(db)
        .args(common::cli::INIT_STATE)
        .args(extra)
        .status()
        .expect("init");
    assert!(st.success());
}

/// Spawns a process reserving `n` numbers one transaction each, printing `id\tnumber\tsymbol`
/// after each commit.
fn issuer(db: &Path, n: u64) -> Child {
    issuer_into(db, "main", "cong-van", n)
}

fn issuer_into(db: &Path, register: &str, kind: &str, n: u64) -> Child {
    vanthu(db)
        .args([
            "reserve",
            "--register",
            register,
            "--kind",
            kind,
            "--repeat",
            &n.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

fn parse(line: &str) -> (i64, u32) {
    let mut it = line.split('\t');
    let id = it.next().and_then(|s| s.parse().ok()).expect("id");
    let number = it.next().and_then(|s| s.parse().ok()).expect("number");
    (id, number)
}

/// Every entry of the database: id → number.
fn entries(db: &Path) -> HashMap<i64, u32> {
    let reg = Register::open_existing(db).expect("open");
    reg.db()
        .query_map("SELECT id, number FROM entries", params![], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("rows")
        .into_iter()
        .collect()
}

fn assert_sound(db: &Path) {
    let out = vanthu(db)
        .args(["check", "--json"])
        .output()
        .expect("check");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check json");
    assert_eq!(report["ok"], true, "{report}");
}

#[test]
fn two_processes_issue_5000_numbers_each_without_a_double_or_a_gap() {
    let t = common::db::test_db();
    let db = t.path.clone();
    init(&db);
    const N: u64 = 5_000;
    let children = [issuer(&db, N), issuer(&db, N)];
    let mut reported = Vec::new();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("utf8");
        let lines: Vec<(i64, u32)> = text.lines().map(parse).collect();
        assert_eq!(lines.len() as u64, N);
        // Each process sees its own numbers rise.
        assert!(lines.windows(2).all(|w| w[0].1 < w[1].1));
        reported.extend(lines);
    }
    let mut numbers: Vec<u32> = reported.iter().map(|&(_, n)| n).collect();
    numbers.sort_unstable();
    let expected: Vec<u32> = (1..=(2 * N) as u32).collect();
    assert_eq!(numbers, expected, "0 duplicate, 0 gap");
    let stored = entries(&db);
    assert_eq!(stored.len() as u64, 2 * N);
    for (id, n) in &reported {
        assert_eq!(stored.get(id), Some(n));
    }
    assert_sound(&db);
}

#[test]
fn killing_an_issuing_process_100_times_loses_nothing_committed() {
    let t = common::db::test_db();
    let db = t.path.clone();
    init(&db);
    let mut seed: u64 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7)
        | 1;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut reported: Vec<(i64, u32)> = Vec::new();
    for round in 0..100 {
        let mut child = issuer(&db, 1_000_000);
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter(|l| !l.is_empty())
                .map(|l| parse(&l))
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(5 + rnd(60)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        assert!(!status.success(), "round {round}: the process was killed");
        reported.extend(reader.join().expect("reader"));
    }
    assert!(
        !reported.is_empty(),
        "some numbers were committed before the kills"
    );
    assert_sound(&db);
    let stored = entries(&db);
    for (id, n) in &reported {
        assert_eq!(
            stored.get(id),
            Some(n),
            "committed entry {id} (number {n}) survives"
        );
    }
    let mut numbers: Vec<u32> = stored.values().copied().collect();
    numbers.sort_unstable();
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(numbers, expected, "no number reused, none skipped");
    // The register goes on from the last number.
    let out = vanthu(&db)
        .args(["reserve", "--kind", "cong-van", "--json"])
        .output()
        .expect("reserve");
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(e["number"], numbers.len() as u64 + 1);
}

/// Eight processes at once, 500 numbers each, into four sequences: a state register's common
/// sequence, the secret register, and a Party register's two per-type sequences of one
/// committee term. Every sequence ends holding 01 to 1000 exactly once.
#[test]
fn eight_processes_500_numbers_each_into_state_secret_and_party_sequences() {
    let t = common::db::test_db();
    let db = t.path.clone();
    init(&db);
    init_with(&db, &["--code", "mat", "--secret"]);
    let st = vanthu(&db)
        .args([
            "init",
            "--code",
            "dang",
            "--regime",
            "party",
            "--issuer-name",
            "TỈNH ỦY GIA LAI",
            "--issuer-code",
            "TU",
            "--per-kind",
        ])
        .status()
        .expect("init party");
    assert!(st.success());
    let st = vanthu(&db)
        .args([
            "term",
            "--register",
            "dang",
            "--label",
            "2025-2030",
            "--from",
            "2025-10-01",
            "--to",
            "2030-09-30",
        ])
        .status()
        .expect("term");
    assert!(st.success());
    const N: u64 = 500;
    let plan = [
        ("main", "cong-van"),
        ("main", "quyet-dinh"),
        ("mat", "cong-van"),
        ("mat", "bao-cao"),
        ("dang", "ke-hoach"),
        ("dang", "ke-hoach"),
        ("dang", "bao-cao"),
        ("dang", "bao-cao"),
    ];
    let children: Vec<_> = plan
        .iter()
        .map(|(r, k)| issuer_into(&db, r, k, N))
        .collect();
    let mut by_sequence: HashMap<(&str, &str), Vec<u32>> = HashMap::new();
    for (child, (register, kind)) in children.into_iter().zip(plan) {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{register} {kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("utf8");
        let lines: Vec<(i64, u32)> = text.lines().map(parse).collect();
        assert_eq!(lines.len() as u64, N);
        let key = if register == "dang" { kind } else { "" };
        by_sequence
            .entry((register, key))
            .or_default()
            .extend(lines.iter().map(|&(_, n)| n));
    }
    assert_eq!(by_sequence.len(), 4);
    for (seq, mut numbers) in by_sequence {
        numbers.sort_unstable();
        let expected: Vec<u32> = (1..=(2 * N) as u32).collect();
        assert_eq!(numbers, expected, "{seq:?}: 0 duplicate, 0 gap");
    }
    assert_eq!(entries(&db).len() as u64, 8 * N);
    assert_sound(&db);
}
