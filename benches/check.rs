//! The text checker on a 10-page draft (warm: the dictionary and the lexicon already loaded),
//! and the one-time costs of loading the Hunspell dictionary and the compound-word lexicon
//! (parse and word index, the `word` rules' first use).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;
use vanthu::lint;

/// Characters of one printed page (A4, 14 pt), as in the precision test.
const PAGE_CHARS: usize = 2_500;

fn ten_pages() -> vanthu::Draft {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/clean/examples/cong-van-lang-son-2023.json"
    );
    let mut d = vanthu::draft::load(Path::new(path)).expect("example");
    let one = d.body.clone();
    let mut body = String::new();
    while body.chars().count() < 10 * PAGE_CHARS {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&one);
    }
    d.body = body;
    d
}

fn bench(c: &mut Criterion) {
    let d = ten_pages();
    let dict_loaded = lint::dictionary::get().is_some();
    assert!(lint::word::warm(), "the lexicon loads");
    eprintln!(
        "10-page draft: {} characters of body, dictionary {}, lexicon loaded",
        d.body.chars().count(),
        if dict_loaded {
            "loaded"
        } else {
            "not installed"
        }
    );
    c.bench_function("check_draft 10 pages (warm)", |b| {
        b.iter(|| black_box(lint::check_draft(black_box(&d))))
    });
    let doc = lint::draft_doc(&d);
    c.bench_function("word rules alone, 10 pages (warm)", |b| {
        b.iter(|| {
            let mut raw = Vec::new();
            lint::word::check(black_box(&doc), &mut raw);
            black_box(raw)
        })
    });
    let mut g = c.benchmark_group("dictionary");
    g.sample_size(10);
    let dir = Path::new(lint::dictionary::DEFAULT_DIR);
    if dir.join("vi_VN.dic").exists() {
        g.bench_function("load hunspell vi_VN (one time)", |b| {
            b.iter(|| black_box(lint::dictionary::Dictionary::load_from(dir)))
        });
    }
    g.bench_function("load lexicon: parse + word index (one time)", |b| {
        b.iter(|| {
            let lex = lint::lexicon::Lexicon::parse(lint::lexicon::DATA).expect("lexicon");
            black_box(lint::word::index_size(&lex))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
