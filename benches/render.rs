//! Rendering benchmarks.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vanthu::render::ooxml::order::{self, Append};

fn example(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    std::fs::read_to_string(p).expect("example")
}

fn render(c: &mut Criterion) {
    let json = example("cong-van-lang-son-2023.json");
    let draft = vanthu::draft::from_json(&json).expect("valid");
    c.bench_function("cong_van_lang_son/docx_bytes", |b| {
        b.iter(|| vanthu::render_docx(black_box(&draft)).expect("renders"))
    });
    c.bench_function("cong_van_lang_son/json_to_docx_bytes", |b| {
        b.iter(|| {
            let d = vanthu::draft::from_json(black_box(&json)).expect("valid");
            vanthu::render_docx(&d).expect("renders")
        })
    });
    c.bench_function("cong_van_lang_son/layout_only", |b| {
        b.iter(|| vanthu::layout::build(black_box(&draft)).expect("lays out"))
    });
    // The ordering pass alone, over the parts of the same letter as docx-rs writes them.
    let doc = vanthu::layout::build(&draft).expect("lays out");
    let parts = vanthu::render::docx::to_docx(&doc).build();
    let lang = [Append {
        parent: "rPrDefault",
        element: "rPr",
        xml: br#"<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA" />"#,
    }];
    c.bench_function("cong_van_lang_son/ooxml_order_pass", |b| {
        let mut out = Vec::with_capacity(64 * 1024);
        b.iter(|| {
            for (xml, appends) in [
                (&parts.document, &[][..]),
                (&parts.styles, &lang[..]),
                (&parts.settings, &[][..]),
            ]
            .into_iter()
            .chain(parts.headers.iter().map(|h| (h, &[][..])))
            {
                out.clear();
                order::rewrite(black_box(xml), appends, &mut out).expect("rewrites");
            }
            out.len()
        })
    });
    let party = vanthu::draft::from_json(&example("ke-hoach-binh-dinh-2023.json")).expect("valid");
    c.bench_function("ke_hoach_binh_dinh/docx_bytes", |b| {
        b.iter(|| vanthu::render_docx(black_box(&party)).expect("renders"))
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
