//! Native PDF: the 4-page Lạng Sơn letter typeset and written as PDF/A-2b in process
//! (budget ≤ 5 ms median), and the typesetting alone.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn example(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    std::fs::read_to_string(p).expect("example")
}

fn bench(c: &mut Criterion) {
    let draft = vanthu::draft::from_json(&example("cong-van-lang-son-2023.json")).expect("valid");
    let pdf = vanthu::render_pdf(&draft).expect("fonts installed");
    assert_eq!(pdf.pages, 4, "the 4-page letter");
    c.bench_function("cong_van_lang_son/pdf_bytes", |b| {
        b.iter(|| vanthu::render_pdf(black_box(&draft)).expect("renders"))
    });
    let doc = vanthu::layout::build(&draft).expect("lays out");
    c.bench_function("cong_van_lang_son/typeset_only", |b| {
        b.iter(|| vanthu::typeset::typeset(black_box(&doc)).expect("fonts"))
    });
    let party = vanthu::draft::from_json(&example("ke-hoach-binh-dinh-2023.json")).expect("valid");
    c.bench_function("ke_hoach_binh_dinh/pdf_bytes", |b| {
        b.iter(|| vanthu::render_pdf(black_box(&party)).expect("renders"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
