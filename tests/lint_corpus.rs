//! The checker on corpora: precision on clean official text, recall on annotated defects.

use std::path::{Path, PathBuf};

use vanthu::lint::{self, Finding};

/// Characters of checked text counted as one printed page (A4, 14 pt).
const PAGE_CHARS: usize = 2_500;

fn corpus(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(sub)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "json")) {
            out.push(p);
        }
    }
}

/// Checks one corpus file: (characters checked, findings).
fn check_file(p: &Path) -> (usize, Vec<Finding>) {
    let text = std::fs::read_to_string(p).expect("read");
    if p.extension().and_then(|e| e.to_str()) == Some("json") {
        let d = vanthu::draft::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let doc = lint::draft_doc(&d);
        let chars = doc.sources.iter().map(|s| s.orig.len()).sum();
        (chars, lint::check_doc(&doc))
    } else {
        (text.chars().count(), lint::check_text(&text))
    }
}

fn assert_offsets(p: &Path, f: &[Finding]) {
    if p.extension().and_then(|e| e.to_str()) == Some("json") {
        let d = vanthu::draft::load(p).expect("draft");
        for x in f {
            let mut dd = d.clone();
            let field = x.field.as_deref().expect("field");
            let text = lint::field_mut(&mut dd, field).expect("field text").clone();
            let got: String = text.chars().skip(x.start).take(x.end - x.start).collect();
            assert_eq!(got, x.excerpt, "{}: {x:?}", p.display());
        }
    } else {
        let chars: Vec<char> = std::fs::read_to_string(p).expect("read").chars().collect();
        for x in f {
            assert_eq!(
                chars[x.start..x.end].iter().collect::<String>(),
                x.excerpt,
                "{}: {x:?}",
                p.display()
            );
        }
    }
}

#[test]
fn precision_on_clean_official_text() {
    let root = corpus("clean");
    let known: Vec<(String, String, String)> =
        std::fs::read_to_string(root.join("known-defects.tsv"))
            .expect("known defects")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let v: Vec<&str> = l.split('\t').collect();
                (v[0].to_string(), v[1].to_string(), v[2].to_string())
            })
            .collect();
    let mut list = Vec::new();
    files(&root, &mut list);
    let (mut chars, mut false_pos, mut real) = (0usize, Vec::new(), 0usize);
    let mut seen_known = vec![false; known.len()];
    for p in &list {
        let rel = p
            .strip_prefix(&root)
            .expect("rel")
            .to_string_lossy()
            .replace('\\', "/");
        let (n, f) = check_file(p);
        assert_offsets(p, &f);
        chars += n;
        for x in f {
            match known
                .iter()
                .position(|k| k.0 == rel && k.1 == x.rule && k.2 == x.excerpt)
            {
                Some(i) => {
                    seen_known[i] = true;
                    real += 1;
                }
                None => false_pos.push(format!("{rel}: {} {:?} {}", x.rule, x.excerpt, x.message)),
            }
        }
    }
    let pages = chars / PAGE_CHARS;
    eprintln!("clean corpus: {} files, {chars} characters = {pages} pages; {real} real defects, {} false positives", list.len(), false_pos.len());
    for f in &false_pos {
        eprintln!("  false positive: {f}");
    }
    assert!(
        pages >= 20,
        "the clean corpus must hold 20 pages or more, has {pages}"
    );
    assert!(
        false_pos.len() * 10 <= pages,
        "more than 1 false positive per 10 pages: {false_pos:#?}"
    );
    for (k, seen) in known.iter().zip(&seen_known) {
        assert!(*seen, "known defect not reported: {k:?}");
    }
}

#[test]
fn recall_on_annotated_defects() {
    let text = std::fs::read_to_string(corpus("defects/cases.tsv")).expect("cases");
    let mut total = 0;
    let mut missed = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Vec<&str> = line.split('\t').collect();
        assert_eq!(v.len(), 3, "bad case line: {line}");
        let (rule, excerpt, t) = (v[0], v[1], v[2].replace("\\n", "\n"));
        total += 1;
        let f = lint::check_text(&t);
        if !f.iter().any(|x| x.rule == rule && x.excerpt == excerpt) {
            missed.push(format!(
                "{rule} {excerpt:?} in {t:?}: got {:?}",
                f.iter().map(|x| (&x.rule, &x.excerpt)).collect::<Vec<_>>()
            ));
        }
    }
    let recall = (total - missed.len()) as f64 / total as f64;
    eprintln!(
        "defect corpus: {total} annotated defects, recall {:.1} %",
        recall * 100.0
    );
    for m in &missed {
        eprintln!("  missed: {m}");
    }
    assert!(total >= 60);
    assert!(recall >= 0.95, "recall {recall}: {missed:#?}");
}

#[test]
fn recall_on_a_draft_with_defects() {
    let dir = corpus("defects");
    let d = vanthu::draft::load(&dir.join("draft.json")).expect("draft");
    let f = lint::check_draft(&d);
    let expected = std::fs::read_to_string(dir.join("draft.expected.tsv")).expect("expected");
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let v: Vec<&str> = line.split('\t').collect();
        assert!(
            f.iter()
                .any(|x| x.field.as_deref() == Some(v[0]) && x.rule == v[1] && x.excerpt == v[2]),
            "missed {line:?}; got {:#?}",
            f.iter()
                .map(|x| (&x.field, &x.rule, &x.excerpt))
                .collect::<Vec<_>>()
        );
    }
}
