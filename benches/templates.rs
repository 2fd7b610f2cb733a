//! Filling a template and rendering the draft to DOCX: the budget is 2 ms per letter.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

use vanthu::profile::Profile;
use vanthu::templates::{builtin, fill_template, Values};

fn bench(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 4, 10).expect("date");
    let values = Values::new();
    for name in ["ke-hoach", "giay-moi-hop", "dang-ke-hoach"] {
        let t = builtin::get(name).expect("built-in");
        let profile = Profile::sample(t.file.regime);
        c.bench_function(&format!("fill {name}"), |b| {
            b.iter(|| {
                fill_template(black_box(t), black_box(&values), &profile, today).expect("fill")
            })
        });
        c.bench_function(&format!("fill+render {name}"), |b| {
            b.iter(|| {
                let f =
                    fill_template(black_box(t), black_box(&values), &profile, today).expect("fill");
                let d = vanthu::draft::validate(&f).expect("valid");
                vanthu::render_docx(&d).expect("docx")
            })
        });
    }
    c.bench_function("compile all built-ins", |b| b.iter(builtin::compile_all));
}

criterion_group!(benches, bench);
criterion_main!(benches);
