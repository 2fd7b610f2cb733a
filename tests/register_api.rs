//! The register's API: numbering, operations, search, exports, backup, migrations, bad input.

use chrono::NaiveDate;
use std::io::Read;
use std::path::{Path, PathBuf};
use vanthu::draft::{self, Draft, DraftFile, Regime};
use vanthu::profile::Profile;
use vanthu::register::db::params;
use vanthu::register::{
    self, Correction, EntryStatus, ExportFormat, ExportSpec, IssueOptions, NewRegister, Period,
    Query, Register, RegisterError, Reservation, Sort,
};

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

mod common;
use common::db::{test_db as db, TestDb as Db};

fn state(reg: &mut Register, code: &str, per_kind: bool, secret: bool) {
    reg.create_register(&NewRegister {
        code: code.into(),
        regime: Some(Regime::State),
        per_kind: Some(per_kind),
        secret,
        parent: Some("UBND TỈNH LẠNG SƠN".into()),
        issuer_name: "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH".into(),
        issuer_code: "SVHTTDL".into(),
        volume: Some("01".into()),
        ..Default::default()
    })
    .expect("create register");
}

fn draft_file(regime: Regime, kind: &str, date: Option<&str>, subject: &str) -> DraftFile {
    let p = Profile::sample(regime);
    let mut f = p.draft_file(kind);
    f.subject = Some(subject.into());
    f.body = Some("Nội dung văn bản./.".into());
    if kind == "cong-van" {
        f.recipients = vec!["Các đơn vị trực thuộc Sở".into()];
        if regime == Regime::State {
            f.unit_code = Some("QLVHGĐ".into());
        }
    }
    match date {
        Some(x) => f.date = Some(x.into()),
        None => f.year = Some(2026),
    }
    f
}

fn draft(regime: Regime, kind: &str, date: Option<&str>, subject: &str) -> Draft {
    draft::validate(&draft_file(regime, kind, date, subject)).expect("valid draft")
}

fn reserve(reg: &mut Register, code: Option<&str>, kind: &str, date: &str) -> register::Entry {
    reg.reserve(
        code,
        &Reservation {
            kind: kind.into(),
            date: Some(d(date)),
            ..Default::default()
        },
    )
    .expect("reserve")
}

fn document_xml(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut s = String::new();
    z.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut s)
        .expect("utf8");
    s
}

fn count(reg: &Register, sql: &str) -> i64 {
    reg.db()
        .query_row(sql, params![], |r| r.get(0))
        .expect("count")
}

#[test]
fn issue_fills_number_and_date_and_stores_draft_and_docx() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    let e = reg
        .issue(
            None,
            &draft(
                Regime::State,
                "cong-van",
                Some("2024-03-05"),
                "tuyên truyền về xây dựng Đảng",
            ),
        )
        .expect("issue");
    assert_eq!(e.number, 1);
    assert_eq!(e.symbol, "01/SVHTTDL-QLVHGĐ");
    assert_eq!(e.date, d("2024-03-05"));
    assert_eq!(e.status, EntryStatus::Issued);
    assert_eq!(e.signer, "Nguyễn Văn An");
    assert!(e.has_docx && e.has_draft);
    let stored = reg.draft_json(e.id).expect("draft").expect("some");
    let back = draft::from_json(&stored).expect("stored draft validates");
    assert_eq!(back.number, Some(1));
    assert_eq!(back.date, Some(d("2024-03-05")));
    let xml = document_xml(&reg.docx(e.id).expect("docx").expect("some"));
    assert!(
        xml.contains("01/SVHTTDL-QLVHGĐ"),
        "the DOCX carries the number"
    );
    assert!(xml.contains("ngày 05 tháng 3 năm 2024"));
    // A draft without a date is dated today.
    let e2 = reg
        .issue(None, &draft(Regime::State, "cong-van", None, "khác"))
        .expect("issue");
    assert_eq!(e2.date, chrono::Local::now().date_naive());
    let audit = reg.audit(e.id).expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "issue");
}

#[test]
fn numbering_restarts_on_1_january() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    let a = reserve(&mut reg, None, "ke-hoach", "2024-12-30");
    let b = reg
        .issue(
            None,
            &draft(Regime::State, "cong-van", Some("2024-12-31"), "cuối năm"),
        )
        .expect("issue");
    let c = reserve(&mut reg, None, "ke-hoach", "2025-01-01");
    let e = reserve(&mut reg, None, "bao-cao", "2025-01-02");
    assert_eq!((a.number, b.number, c.number, e.number), (1, 2, 1, 2));
    assert_eq!(a.symbol, "01/KH-SVHTTDL");
    assert_eq!(c.symbol, "01/KH-SVHTTDL");
    assert_eq!(e.symbol, "02/BC-SVHTTDL");
    // A document still dated in the old year continues the old year's sequence.
    let late = reserve(&mut reg, None, "thong-bao", "2024-12-31");
    assert_eq!(late.number, 3);
    // A date before the last number's date would break the order of issue.
    let err = reg
        .reserve(
            None,
            &Reservation {
                kind: "ke-hoach".into(),
                date: Some(d("2025-01-01")),
                ..Default::default()
            },
        )
        .expect_err("out of order");
    assert_eq!(err.code(), "date_out_of_order");
    assert!(err.to_string().contains("2025-01-02"), "{err}");
    assert!(reg.check().expect("check").ok);
}

#[test]
fn per_kind_sequences_and_separate_registers() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", true, false);
    state(&mut reg, "mat", false, true);
    let k1 = reserve(&mut reg, Some("main"), "ke-hoach", "2024-02-01");
    let c1 = reserve(&mut reg, Some("main"), "cong-van", "2024-02-01");
    let k2 = reserve(&mut reg, Some("main"), "ke-hoach", "2024-02-02");
    let m1 = reserve(&mut reg, Some("mat"), "ke-hoach", "2024-02-02");
    assert_eq!((k1.number, c1.number, k2.number, m1.number), (1, 1, 2, 1));
    // Văn bản mật only go into the secret register, and only they do.
    let mut f = draft_file(Regime::State, "ke-hoach", Some("2024-02-03"), "mật");
    f.secrecy = Some("mat".into());
    let secret = draft::validate(&f).expect("valid");
    let err = reg
        .issue(Some("main"), &secret)
        .expect_err("secret into main");
    assert_eq!(err.code(), "mismatch");
    assert!(err.to_string().starts_with("secrecy:"), "{err}");
    let e = reg.issue(Some("mat"), &secret).expect("secret into mat");
    assert_eq!(e.number, 2);
    let err = reg
        .issue(
            Some("mat"),
            &draft(Regime::State, "ke-hoach", Some("2024-02-03"), "thường"),
        )
        .expect_err("plain into mat");
    assert_eq!(err.code(), "mismatch");
    // With two registers one must be named.
    let err = reg
        .reserve(
            None,
            &Reservation {
                kind: "ke-hoach".into(),
                ..Default::default()
            },
        )
        .expect_err("ambiguous");
    assert_eq!(err.code(), "register_required");
    assert!(err.to_string().contains("main, mat"));
}

#[test]
fn party_numbers_run_per_type_for_the_committee_term() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    let info = reg
        .create_register(&NewRegister {
            code: "dang".into(),
            regime: Some(Regime::Party),
            parent: Some("ĐẢNG BỘ TỈNH BÌNH ĐỊNH".into()),
            issuer_name: "TỈNH ỦY".into(),
            issuer_code: "TU".into(),
            ..Default::default()
        })
        .expect("party register");
    assert_eq!(info.period, Period::Term);
    assert!(info.per_kind);
    let err = reserve_err(&mut reg, "ke-hoach", "2021-01-05");
    assert_eq!(err.code(), "no_term");
    reg.add_term(None, "2020-2025", d("2020-10-16"), d("2025-10-15"))
        .expect("term");
    reg.add_term(None, "2025-2030", d("2025-10-16"), d("2030-10-15"))
        .expect("term");
    assert_eq!(
        reg.add_term(None, "x", d("2025-01-01"), d("2025-12-31"))
            .expect_err("overlap")
            .code(),
        "term_overlap"
    );
    let a = reserve(&mut reg, None, "ke-hoach", "2021-01-05");
    let b = reserve(&mut reg, None, "cong-van", "2023-06-01");
    // The year changes, the term does not: numbers continue.
    let c = reg
        .issue(
            None,
            &draft(Regime::Party, "ke-hoach", Some("2024-12-31"), "kế hoạch"),
        )
        .expect("issue");
    let e = reserve(&mut reg, None, "ke-hoach", "2025-01-02");
    // A new term starts again from 01.
    let f = reserve(&mut reg, None, "ke-hoach", "2025-10-16");
    assert_eq!(
        [a.number, b.number, c.number, e.number, f.number],
        [1, 1, 2, 3, 1]
    );
    assert_eq!(a.symbol, "01-KH/TU");
    assert_eq!(b.symbol, "01-CV/TU");
    assert_eq!(c.symbol, "02-KH/TU");
    assert_eq!(reg.terms(None).expect("terms").len(), 2);
    assert!(reg.check().expect("check").ok);
}

fn reserve_err(reg: &mut Register, kind: &str, date: &str) -> RegisterError {
    reg.reserve(
        None,
        &Reservation {
            kind: kind.into(),
            date: Some(d(date)),
            ..Default::default()
        },
    )
    .expect_err("should fail")
}

#[test]
fn a_cancelled_number_is_never_reused() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    let _a = reserve(&mut reg, None, "ke-hoach", "2024-05-01");
    let b = reserve(&mut reg, None, "ke-hoach", "2024-05-01");
    let c = reg.cancel(b.id, None).expect("cancel a reservation");
    assert_eq!(c.status, EntryStatus::Cancelled);
    let next = reserve(&mut reg, None, "ke-hoach", "2024-05-02");
    assert_eq!(next.number, 3);
    // The cancelled number cannot take a draft, cannot be un-cancelled, cannot be deleted.
    let err = reg
        .issue_with(
            None,
            &draft(Regime::State, "ke-hoach", Some("2024-05-02"), "x"),
            &IssueOptions {
                reserved: Some(b.id),
                ..Default::default()
            },
        )
        .expect_err("cancelled");
    assert_eq!(err.code(), "wrong_status");
    assert!(reg
        .db()
        .execute("DELETE FROM entries WHERE id = ?1", params![b.id])
        .is_err());
    assert!(reg
        .db()
        .execute(
            "UPDATE entries SET status = 'reserved' WHERE id = ?1",
            params![b.id]
        )
        .is_err());
    assert!(reg
        .db()
        .execute("UPDATE sequences SET last_number = 1", params![])
        .is_err());
    assert_eq!(
        reg.entry(b.id).expect("entry").status,
        EntryStatus::Cancelled
    );
    assert!(reg.check().expect("check").ok);
    // An issued and sent entry needs a reason; refused, nothing changes.
    let i = reg
        .issue(
            None,
            &draft(Regime::State, "ke-hoach", Some("2024-05-03"), "đã gửi"),
        )
        .expect("issue");
    reg.correct(
        i.id,
        &Correction {
            sent_date: Some(d("2024-05-04")),
            ..Default::default()
        },
    )
    .expect("sent");
    let before = reg.entry(i.id).expect("entry");
    let err = reg.cancel(i.id, Some("  ")).expect_err("no reason");
    assert_eq!(err.code(), "reason_required");
    assert!(err.to_string().contains("--reason"), "{err}");
    assert_eq!(reg.entry(i.id).expect("entry"), before);
    let c = reg
        .cancel(i.id, Some("Ban hành nhầm"))
        .expect("cancel with reason");
    assert_eq!(c.cancel_reason.as_deref(), Some("Ban hành nhầm"));
    assert_eq!(
        reg.cancel(i.id, Some("again")).expect_err("twice").code(),
        "wrong_status"
    );
}

#[test]
fn issue_binds_a_reserved_number() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    let r = reserve(&mut reg, None, "ke-hoach", "2024-05-01");
    let _other = reserve(&mut reg, None, "ke-hoach", "2024-05-01");
    let e = reg
        .issue_with(
            None,
            &draft(Regime::State, "ke-hoach", Some("2024-05-06"), "giữ số"),
            &IssueOptions {
                reserved: Some(r.id),
                ..Default::default()
            },
        )
        .expect("bind");
    assert_eq!((e.id, e.number, e.status), (r.id, 1, EntryStatus::Issued));
    assert_eq!(e.date, d("2024-05-06"));
    let actions: Vec<String> = reg
        .audit(r.id)
        .expect("audit")
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, ["reserve", "issue"]);
    // A draft that already carries another number is refused.
    let r3 = reserve(&mut reg, None, "ke-hoach", "2024-05-07");
    let mut f = draft_file(Regime::State, "ke-hoach", Some("2024-05-07"), "x");
    f.number = Some(9);
    let err = reg
        .issue_with(
            None,
            &draft::validate(&f).expect("valid"),
            &IssueOptions {
                reserved: Some(r3.id),
                ..Default::default()
            },
        )
        .expect_err("number preset");
    assert!(err.to_string().starts_with("number:"), "{err}");
    assert_eq!(
        reg.entry(r3.id).expect("entry").status,
        EntryStatus::Reserved
    );
}

#[test]
fn corrections_and_attachments_are_audited() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    let e = reg
        .issue(
            None,
            &draft(
                Regime::State,
                "ke-hoach",
                Some("2024-05-03"),
                "tổ chức lễ hội",
            ),
        )
        .expect("issue");
    let c = reg
        .correct(
            e.id,
            &Correction {
                subject: Some("tổ chức Ngày Gia đình Việt Nam".into()),
                copies: Some(12),
                receipt: Some("Chị Đào".into()),
                ..Default::default()
            },
        )
        .expect("correct");
    assert_eq!(c.subject, "tổ chức Ngày Gia đình Việt Nam");
    assert_eq!(c.copies, Some(12));
    let f = reg
        .attach(e.id, "ban-ky.pdf", b"%PDF-1.7 signed")
        .expect("attach");
    assert_eq!(f.media_type, "application/pdf");
    assert_eq!(reg.file_data(f.id).expect("data"), b"%PDF-1.7 signed");
    let detail = reg.detail(e.id).expect("detail");
    assert_eq!(detail.files.len(), 1);
    let actions: Vec<&str> = detail.audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["issue", "correct", "attach"]);
    assert_eq!(detail.audit[1].detail["subject"]["old"], "tổ chức lễ hội");
    assert_eq!(detail.audit[1].detail["copies"]["new"], 12);
    // The search index follows the correction.
    let q = |t: &str| Query {
        text: Some(t.into()),
        ..Default::default()
    };
    assert_eq!(reg.search(&q("gia dinh")).expect("search").items.len(), 1);
    assert_eq!(reg.search(&q("le hoi")).expect("search").items.len(), 0);
    assert_eq!(
        reg.correct(e.id, &Correction::default())
            .expect_err("nothing")
            .code(),
        "invalid_argument"
    );
    assert_eq!(
        reg.attach(e.id, "x.bin", &[])
            .map(|f| f.size)
            .expect("empty file ok"),
        0
    );
    assert_eq!(
        reg.attach(999, "x.pdf", b"x").expect_err("unknown").code(),
        "unknown_entry"
    );
}

#[test]
fn search_folds_accents_and_d_and_filters_and_pages() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    reg.issue(
        None,
        &draft(
            Regime::State,
            "cong-van",
            Some("2024-01-10"),
            "tuyên truyền về công tác xây dựng Đảng",
        ),
    )
    .expect("issue");
    reg.issue(
        None,
        &draft(
            Regime::State,
            "ke-hoach",
            Some("2024-02-10"),
            "tổ chức Đại hội Thể dục thể thao",
        ),
    )
    .expect("issue");
    let q = |t: &str| Query {
        text: Some(t.into()),
        ..Default::default()
    };
    let hits = |t: &str| {
        reg.search(&q(t))
            .expect("search")
            .items
            .into_iter()
            .map(|e| e.number)
            .collect::<Vec<_>>()
    };
    assert_eq!(hits("dang"), [1]);
    assert_eq!(hits("ĐẢNG"), [1]);
    assert_eq!(hits("tuyen truyen"), [1]);
    assert_eq!(hits("dai hoi the duc"), [2]);
    assert_eq!(hits("01/SVHTTDL-QLVHGD"), [1]);
    assert_eq!(hits("02/KH"), [2]);
    assert_eq!(hits("nguyen van an"), [2, 1]);
    assert_eq!(hits("khong co"), Vec::<u32>::new());
    assert_eq!(
        reg.search(&q("()")).expect_err("no word").code(),
        "bad_query"
    );
    let mut p = q("dai");
    p.prefix = true;
    assert_eq!(reg.search(&p).expect("prefix").items.len(), 1);

    synthetic::generate(&mut reg, None, 1_000, 2020, 4).expect("generate");
    // Filters.
    let page = reg
        .search(&Query {
            year: Some(2021),
            kind: Some("ke-hoach".into()),
            with_total: true,
            ..Default::default()
        })
        .expect("filter");
    assert!(page
        .items
        .iter()
        .all(|e| e.kind == "ke-hoach" && e.date.format("%Y").to_string() == "2021"));
    assert!(page.total.expect("total") > 10);
    let signer = reg
        .search(&Query {
            signer: Some("dang thi thu".into()),
            limit: Some(500),
            ..Default::default()
        })
        .expect("signer");
    assert!(!signer.items.is_empty() && signer.items.iter().all(|e| e.signer == "Đặng Thị Thu"));
    let range = reg
        .search(&Query {
            from: Some(d("2022-03-01")),
            to: Some(d("2022-03-31")),
            sort: Sort::DateAsc,
            limit: Some(500),
            ..Default::default()
        })
        .expect("range");
    assert!(!range.items.is_empty());
    assert!(range.items.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(range
        .items
        .iter()
        .all(|e| e.date >= d("2022-03-01") && e.date <= d("2022-03-31")));
    let status = reg
        .search(&Query {
            status: Some(EntryStatus::Reserved),
            ..Default::default()
        })
        .expect("status");
    assert!(status.items.is_empty());
    // Keyset paging visits every entry of a year once, in order, for each sort.
    for sort in [Sort::Newest, Sort::Oldest, Sort::DateDesc, Sort::DateAsc] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = reg
                .search(&Query {
                    year: Some(2022),
                    sort,
                    limit: Some(37),
                    after: after.clone(),
                    ..Default::default()
                })
                .expect("page");
            seen.extend(page.items.iter().map(|e| e.number));
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), seen.len(), "{sort:?}: no entry twice");
        assert_eq!(
            sorted,
            (1..=250).collect::<Vec<u32>>(),
            "{sort:?}: every entry"
        );
    }
    // Text search with paging.
    let mut n = 0;
    let mut after = None;
    loop {
        let page = reg
            .search(&Query {
                text: Some("dang".into()),
                limit: Some(50),
                after,
                ..Default::default()
            })
            .expect("page");
        n += page.items.len();
        assert!(page.items.iter().all(|e| register::fold(&format!(
            "{} {} {}",
            e.subject, e.signer, e.recipients
        ))
        .contains("dang")));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    let total = reg
        .search(&Query {
            text: Some("dang".into()),
            with_total: true,
            ..Default::default()
        })
        .expect("total");
    assert_eq!(total.total, Some(n as u64));
    assert_eq!(
        reg.search(&Query {
            after: Some("x".into()),
            ..Default::default()
        })
        .expect_err("cursor")
        .code(),
        "invalid_argument"
    );
}

fn seeded(db: &Db) -> Register {
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    reg.issue(
        None,
        &draft(
            Regime::State,
            "cong-van",
            Some("2024-01-10"),
            "tuyên truyền về xây dựng Đảng",
        ),
    )
    .expect("issue");
    let r = reserve(&mut reg, None, "ke-hoach", "2024-01-11");
    reg.cancel(r.id, Some("Không sử dụng")).expect("cancel");
    reg.issue(
        None,
        &draft(
            Regime::State,
            "ke-hoach",
            Some("2024-02-01"),
            "tổ chức lễ hội",
        ),
    )
    .expect("issue");
    reg.issue(
        None,
        &draft(Regime::State, "ke-hoach", Some("2025-01-02"), "năm sau"),
    )
    .expect("issue");
    reg
}

#[test]
fn xlsx_export_reads_back_with_calamine() {
    use calamine::{open_workbook, Reader, Xlsx};
    let db = db();
    let reg = seeded(&db);
    let out = db.dir.path().join("so.xlsx");
    let n = reg
        .export(
            &ExportSpec {
                year: Some(2024),
                ..Default::default()
            },
            ExportFormat::Xlsx,
            &out,
        )
        .expect("export");
    assert_eq!(n, 3);
    let mut wb: Xlsx<_> = open_workbook(&out).expect("open xlsx");
    let range = wb.worksheet_range("Sổ văn bản đi").expect("sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        register::COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][0], "01/SVHTTDL-QLVHGĐ");
    assert_eq!(rows[1][1], "10/01/2024");
    assert_eq!(rows[1][2], "Công văn V/v tuyên truyền về xây dựng Đảng");
    assert_eq!(rows[1][3], "Nguyễn Văn An");
    assert_eq!(rows[2][0], "02/KH-SVHTTDL");
    assert_eq!(rows[2][9], "Đã hủy: Không sử dụng");
    assert_eq!(rows[3][2], "Kế hoạch tổ chức lễ hội");
}

#[test]
fn csv_export_has_bom_and_header() {
    let db = db();
    let reg = seeded(&db);
    let out = db.dir.path().join("so.csv");
    reg.export(
        &ExportSpec {
            from: Some(d("2024-01-01")),
            to: Some(d("2025-12-31")),
            ..Default::default()
        },
        ExportFormat::Csv,
        &out,
    )
    .expect("export");
    let bytes = std::fs::read(&out).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, register::COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[3][0], "01/KH-SVHTTDL");
}

#[test]
fn printable_register_is_a4_landscape_with_cover_and_ten_columns() {
    let db = db();
    let reg = seeded(&db);
    let out = db.dir.path().join("so.docx");
    reg.export(
        &ExportSpec {
            year: Some(2024),
            ..Default::default()
        },
        ExportFormat::Docx,
        &out,
    )
    .expect("export");
    let xml = document_xml(&std::fs::read(&out).expect("read"));
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let pg = doc
        .descendants()
        .find(|n| n.has_tag_name((w, "pgSz")))
        .expect("pgSz");
    assert_eq!(pg.attribute((w, "orient")), Some("landscape"));
    assert_eq!(pg.attribute((w, "w")), Some("16838"));
    assert_eq!(pg.attribute((w, "h")), Some("11906"));
    let paras: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((w, "p")))
        .map(|p| {
            p.descendants()
                .filter(|t| t.has_tag_name((w, "t")))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    for line in [
        "UBND TỈNH LẠNG SƠN",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Năm: 2024",
        "Từ ngày 01/01/2024 đến ngày 31/12/2024",
        "Từ số 01 đến số 03",
        "Quyển số: 01",
    ] {
        assert!(
            paras.iter().any(|p| p == line),
            "missing cover line {line:?} in {paras:?}"
        );
    }
    let table = doc
        .descendants()
        .find(|n| n.has_tag_name((w, "tbl")))
        .expect("table");
    let rows: Vec<Vec<String>> = table
        .children()
        .filter(|n| n.has_tag_name((w, "tr")))
        .map(|tr| {
            tr.children()
                .filter(|n| n.has_tag_name((w, "tc")))
                .map(|tc| {
                    tc.descendants()
                        .filter(|t| t.has_tag_name((w, "t")))
                        .filter_map(|t| t.text())
                        .collect()
                })
                .collect()
        })
        .collect();
    assert_eq!(rows[0], register::COLUMNS);
    assert_eq!(rows[1][0], "(1)");
    assert_eq!(rows.len(), 2 + 3);
    assert_eq!(rows[2][0], "01/SVHTTDL-QLVHGĐ");
}

#[test]
fn backup_restore_and_check() {
    let db = db();
    let mut reg = seeded(&db);
    let bak = db.dir.path().join("backup.sqlite");
    if db.server {
        // A server is backed up with its own tools; the refusal says so.
        let err = reg.backup(&bak).expect_err("not on a server");
        assert_eq!(err.code(), "not_supported");
        assert!(err.to_string().contains("pg_dump"), "{err}");
        assert_eq!(
            reg.restore(&bak, false)
                .expect_err("not on a server")
                .code(),
            "not_supported"
        );
        assert!(reg.check().expect("check").ok);
        return;
    }
    reg.backup(&bak).expect("backup");
    reserve(&mut reg, None, "ke-hoach", "2025-02-01");
    assert_eq!(count(&reg, "SELECT count(*) FROM entries"), 5);
    let report = reg.restore(&bak, false).expect("restore");
    assert!(report.safety.exists());
    // The lost reservation is listed; an issued one would have needed `force`.
    assert_eq!(report.lost.len(), 1);
    assert_eq!(report.lost[0].status, "reserved");
    assert_eq!(count(&reg, "SELECT count(*) FROM entries"), 4);
    let report = reg.check().expect("check");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.entries, 4);
    // The register keeps working after a restore; numbering continues above the lost number.
    assert_eq!(reserve(&mut reg, None, "ke-hoach", "2025-02-01").number, 3);
    // A damaged backup is refused and the database is left alone.
    let bad = db.dir.path().join("bad.sqlite");
    std::fs::write(&bad, b"SQLite format 3\0 but not really, this is garbage").expect("write");
    let err = reg.restore(&bad, true).expect_err("bad backup");
    assert_eq!(err.code(), "corrupt_database");
    assert_eq!(count(&reg, "SELECT count(*) FROM entries"), 5);
    // A gap is reported by check.
    reg.db()
        .execute(
            "UPDATE sequences SET last_number = last_number + 1 WHERE period = '2025'",
            params![],
        )
        .expect("tamper");
    let report = reg.check().expect("check");
    assert!(!report.ok);
    assert_eq!(report.sequences.len(), 1, "{report:?}");
}

#[test]
fn damaged_or_foreign_files_are_refused_unchanged() {
    let db = db();
    if db.server {
        return; // about files; a foreign database on a server: register_pg.rs
    }
    std::fs::write(&db.path, b"this is not a database at all, just some text..........................................................................").expect("write");
    let before = std::fs::read(&db.path).expect("read");
    let err = Register::open(&db.path).expect_err("garbage");
    assert_eq!(err.code(), "corrupt_database");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&db.path).expect("read"), before);
    let other = db.dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hi');")
            .expect("sql");
    }
    assert_eq!(
        Register::open(&other).expect_err("foreign").code(),
        "not_a_register"
    );
}

#[test]
fn bad_input_changes_nothing() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    reserve(&mut reg, None, "ke-hoach", "2024-05-01");
    let snapshot = |reg: &Register| {
        (
            count(reg, "SELECT count(*) FROM entries"),
            count(
                reg,
                "SELECT CAST(coalesce(sum(last_number), 0) AS BIGINT) FROM sequences",
            ),
            count(reg, "SELECT count(*) FROM audit"),
        )
    };
    let before = snapshot(&reg);
    let mut f = draft_file(Regime::State, "ke-hoach", Some("2024-05-02"), "x");
    f.issuer.as_mut().expect("issuer").code = Some("UBND".into());
    let err = reg
        .issue(None, &draft::validate(&f).expect("valid"))
        .expect_err("issuer");
    assert!(err.to_string().starts_with("issuer.code:"), "{err}");
    let err = reg
        .issue(
            None,
            &draft(Regime::Party, "ke-hoach", Some("2024-05-02"), "x"),
        )
        .expect_err("regime");
    assert!(err.to_string().starts_with("regime:"), "{err}");
    let err = reg
        .issue(
            Some("nope"),
            &draft(Regime::State, "ke-hoach", Some("2024-05-02"), "x"),
        )
        .expect_err("register");
    assert_eq!(err.code(), "unknown_register");
    assert_eq!(
        err.to_string(),
        "--register: unknown register \"nope\" (known: main)"
    );
    let err = reserve_err(&mut reg, "khong-co", "2024-05-02");
    assert_eq!(err.code(), "unknown_kind");
    assert_eq!(
        reg.cancel(42, Some("x")).expect_err("unknown").code(),
        "unknown_entry"
    );
    assert_eq!(
        reg.create_register(&NewRegister {
            code: "main".into(),
            regime: Some(Regime::State),
            issuer_name: "X".into(),
            issuer_code: "X".into(),
            ..Default::default()
        })
        .expect_err("dup")
        .code(),
        "duplicate_register"
    );
    assert_eq!(snapshot(&reg), before);
}

#[test]
fn migrations_upgrade_a_version_1_database_with_its_data() {
    if common::db::server().is_some() {
        return; // SQLite's migrations; a server's schema is created at the latest version
    }
    register::schema::migrations()
        .validate()
        .expect("migrations are valid");
    let db = db();
    {
        let mut c = rusqlite::Connection::open(&db.path).expect("open");
        register::schema::migrations()
            .to_version(&mut c, 1)
            .expect("v1");
        c.execute_batch(
            "INSERT INTO registers (code, name, regime, rules_id, period, per_kind, secret, issuer_name, issuer_code, created_at)
               VALUES ('main', 'Sổ', 'state', 'nd30-2020', 'year', 0, 0, 'SỞ VĂN HÓA', 'SVHTTDL', '2024-01-01');
             INSERT INTO sequences (register_id, period, kind, last_number) VALUES (1, '2024', '', 1);
             INSERT INTO entries (register_id, sequence_id, number, symbol, date, year, kind, subject, signer, status, created_at, updated_at)
               VALUES (1, 1, 1, '01/KH-SVHTTDL', '2024-03-01', 2024, 'ke-hoach', 'Tuyên truyền về Đảng', 'Đặng Thị Thu', 'issued', 'x', 'x');",
        )
        .expect("v1 data");
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, 1);
    }
    let mut reg = Register::open(&db.path).expect("upgrade");
    let v: i64 = reg
        .db()
        .query_row("PRAGMA user_version", params![], |r| r.get(0))
        .expect("version");
    assert_eq!(v, register::schema::LATEST);
    let hits = reg
        .search(&Query {
            text: Some("tuyen truyen dang".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(
        hits.items.len(),
        1,
        "the old entry is searchable after the migration"
    );
    let by_signer = reg
        .search(&Query {
            signer: Some("Dang Thi Thu".into()),
            ..Default::default()
        })
        .expect("signer");
    assert_eq!(by_signer.items.len(), 1);
    assert_eq!(reserve(&mut reg, None, "ke-hoach", "2024-03-02").number, 2);
    assert!(reg.check().expect("check").ok);
    // A database from a newer program is refused.
    reg.db()
        .execute_batch("PRAGMA user_version = 99")
        .expect("bump");
    drop(reg);
    assert_eq!(
        Register::open(&db.path).expect_err("newer").code(),
        "schema_too_new"
    );
}

#[test]
fn default_path_is_in_the_data_directory() {
    let p = register::default_path().expect("a home directory");
    assert!(p.ends_with("register.sqlite"));
    assert!(p.to_string_lossy().contains("vanthu"));
    assert_eq!(
        register::resolve_path(Some(Path::new("x.sqlite"))).expect("explicit"),
        PathBuf::from("x.sqlite")
    );
}

#[test]
fn date_paging_with_many_entries_a_day_visits_each_once() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    synthetic::generate(&mut reg, None, 3_000, 2021, 1).expect("generate");
    for sort in [Sort::DateAsc, Sort::DateDesc] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = reg
                .search(&Query {
                    year: Some(2021),
                    from: Some(d("2021-02-01")),
                    sort,
                    limit: Some(7),
                    after: after.clone(),
                    ..Default::default()
                })
                .expect("page");
            seen.extend(page.items.iter().map(|e| (e.date, e.id)));
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        if sort == Sort::DateDesc {
            sorted.reverse();
        }
        assert_eq!(seen, sorted, "{sort:?}: in order");
        let expected = reg
            .search(&Query {
                year: Some(2021),
                from: Some(d("2021-02-01")),
                with_total: true,
                ..Default::default()
            })
            .expect("total")
            .total
            .expect("total");
        assert_eq!(seen.len() as u64, expected, "{sort:?}: every entry once");
        assert!(seen.first().is_some_and(|(d0, _)| *d0 >= d("2021-02-01")));
    }
}

#[test]
fn register_for_finds_or_creates_the_drafts_register() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    let state_draft = draft(Regime::State, "cong-van", Some("2026-03-02"), "Thử");
    let err = reg
        .register_for(state_draft.regime, &state_draft.issuer, false, false)
        .expect_err("no register yet");
    assert_eq!(err.code(), "no_register");
    assert!(err.message_vi().contains("SVHTTDL"), "{}", err.message_vi());

    let created = reg
        .register_for(state_draft.regime, &state_draft.issuer, false, true)
        .expect("create");
    assert_eq!(created.code, "svhttdl");
    assert_eq!(created.regime, Regime::State);
    assert_eq!(created.period, Period::Year);
    assert!(!created.per_kind && !created.secret);
    assert_eq!(created.issuer_code, "SVHTTDL");
    // Found again, not created twice.
    assert_eq!(
        reg.register_for(state_draft.regime, &state_draft.issuer, false, true)
            .expect("again")
            .id,
        created.id
    );

    let mut secret = draft_file(Regime::State, "cong-van", Some("2026-03-02"), "Mật");
    secret.secrecy = Some("mat".into());
    let secret = draft::validate(&secret).expect("secret draft");
    let s = reg
        .register_for(secret.regime, &secret.issuer, true, true)
        .expect("secret register");
    assert_eq!(s.code, "svhttdl-mat");
    assert!(s.secret);
    assert_eq!(s.name, "Sổ đăng ký văn bản mật đi");

    let party = draft(Regime::Party, "ke-hoach", Some("2026-03-02"), "Đảng");
    let p = reg
        .register_for(party.regime, &party.issuer, false, true)
        .expect("party register");
    assert_eq!(p.regime, Regime::Party);
    assert_eq!(p.period, Period::Term);
    assert!(p.per_kind);
    // A Party register numbers per term: without one, issuing names the date.
    let e = reg.issue(Some(&p.code), &party).expect_err("no term");
    assert_eq!(e.code(), "no_term");
    assert_eq!(e.field(), Some("date"));
    assert!(e.message_vi().contains("nhiệm kỳ"));
    assert_eq!(count(&reg, "SELECT count(*) FROM registers"), 3);
}

#[test]
fn matching_ids_and_summaries_give_any_row_of_a_listing() {
    let db = db();
    let reg = seeded(&db);
    for (q, label) in [
        (Query::default(), "all"),
        (
            Query {
                text: Some("tuyen truyen".into()),
                ..Default::default()
            },
            "text",
        ),
        (
            Query {
                sort: Sort::DateAsc,
                status: Some(EntryStatus::Issued),
                ..Default::default()
            },
            "status by date",
        ),
    ] {
        let ids = reg.matching_ids(&q).expect("ids");
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = reg
                .search(&Query {
                    limit: Some(3),
                    after: after.take(),
                    ..q.clone()
                })
                .expect("page");
            paged.extend(page.items.iter().map(|e| e.id));
            match page.next {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        assert!(!ids.is_empty(), "{label}");
        assert_eq!(ids, paged, "{label}: same rows in the same order");
        // Any slice, in order, with the listing's columns.
        let mid = &ids[ids.len() / 2..];
        let rows = reg.summaries(mid).expect("summaries");
        assert_eq!(
            rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            mid,
            "{label}"
        );
    }
    // A symbol finds exactly its entry; unknown ids are skipped.
    let first = reg.summaries(&[1, 999_999]).expect("summaries");
    assert_eq!(first.len(), 1);
    let sym = first[0].symbol.to_lowercase();
    let ids = reg
        .matching_ids(&Query {
            text: Some(sym),
            ..Default::default()
        })
        .expect("symbol");
    assert_eq!(ids, vec![1]);
}

#[test]
fn a_damaged_stored_date_is_an_error_not_1970() {
    let db = db();
    let mut reg = Register::open(&db.path).expect("open");
    state(&mut reg, "main", false, false);
    let e = reserve(&mut reg, None, "cong-van", "2024-03-05");
    reg.db()
        .execute(
            "UPDATE entries SET date = '2024-13-45' WHERE id = ?1",
            params![e.id],
        )
        .expect("damage the row");
    let err = reg.entry(e.id).expect_err("a damaged date");
    assert!(err.to_string().contains("2024-13-45"), "{err}");
    let listed = reg.search(&Query::default());
    assert!(listed.is_err(), "a listing does not show 1970-01-01 either");
}
