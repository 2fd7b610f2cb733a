//! The HTML preview of a 3-page letter: what the app does on every (debounced) keystroke,
//! minus the IPC: parse the draft JSON, validate, lay out, render the pages.
use criterion::{criterion_group, criterion_main, Criterion};

fn three_page_draft() -> String {
    let para = "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ và tình hình thực tế để tổ chức tuyên truyền bằng các hình thức phù hợp, thiết thực, hiệu quả; báo cáo kết quả về Sở trước ngày 15 hằng tháng.";
    let body = vec![para; 36].join("\n\n");
    serde_json::json!({
        "format": "vanthu/draft@1", "regime": "state", "kind": "cong-van",
        "issuer": {"parent": "UBND TỈNH LẠNG SƠN", "name": "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "code": "SVHTTDL"},
        "unit_code": "QLVHGĐ", "place": "Lạng Sơn", "year": 2024,
        "subject": "triển khai công tác tuyên truyền", "recipients": ["Các phòng thuộc Sở", "Văn phòng Sở"],
        "body": body,
        "signer": {"authority": "KT", "on_behalf_of": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Phan Văn Hòa"},
        "cc": ["Như trên"], "archive": "VT"
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    let json = three_page_draft();
    let pages = vanthu::render::html::render(
        &vanthu::layout::build(&vanthu::draft::from_json(&json).expect("sample renders"))
            .expect("sample renders"),
    )
    .pages;
    assert!(pages >= 3, "{pages} pages");
    c.bench_function("preview_3_pages", |b| {
        b.iter(|| {
            let d = vanthu::draft::from_json(&json).expect("sample renders");
            let doc = vanthu::layout::build(&d).expect("sample renders");
            vanthu::render::html::render(&doc)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
