//! End-to-end tests of the real app: tauri-driver + WebKitWebDriver drive the built binary.
//!
//! Run with `make test-e2e` (or `xvfb-run -a cargo test -p vanthu-app --test e2e -- --ignored
//! --test-threads=1`). Needs `tauri-driver` on the PATH (`cargo install tauri-driver --locked`),
//! `WebKitWebDriver` (Debian: webkit2gtk-driver) and an X display. Each test gets its own data
//! folder; file dialogs are answered by `VANTHU_DIALOG_DIR`. A failing test leaves a screenshot
//! in `target/e2e/<test>-failure.png`; the `screens` test keeps one per screen in `target/e2e/`.

use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

struct Driver {
    child: Child,
    _data: tempfile::TempDir,
    files: tempfile::TempDir,
    client: Option<Client>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e");
    let _ = std::fs::create_dir_all(&d);
    d
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(4444)
}

/// Starts tauri-driver (which starts the app) and opens a WebDriver session.
async fn start() -> R<Driver> {
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    let port = free_port();
    let native = free_port();
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("VANTHU_DATA_DIR", data.path())
        .env("VANTHU_DIALOG_DIR", files.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            format!("tauri-driver not found ({e}): cargo install tauri-driver --locked")
        })?;
    let mut d = Driver {
        child,
        _data: data,
        files,
        client: None,
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err("tauri-driver did not open its port".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": env!("CARGO_BIN_EXE_vanthu-app") }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let mut builder = ClientBuilder::native();
    builder.capabilities(caps);
    let client = tokio::time::timeout(Duration::from_secs(30), builder.connect(&url)).await??;
    d.client = Some(client);
    Ok(d)
}

impl Driver {
    fn c(&self) -> &Client {
        self.client.as_ref().expect("session open")
    }

    /// Waits for an element by CSS selector.
    async fn find(&self, css: &str) -> R<fantoccini::elements::Element> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.c().find(Locator::Css(css)).await {
                Ok(e) => return Ok(e),
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await
                }
                Err(e) => return Err(format!("{css}: {e}").into()),
            }
        }
    }

    /// Waits until the element's text contains `needle`.
    async fn wait_text(&self, css: &str, needle: &str) -> R<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let js =
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';";
            let text = match self.c().execute(js, vec![css.into()]).await {
                Ok(v) => v.as_str().unwrap_or_default().to_string(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!("{css} never showed {needle:?}; it shows {text:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn type_into(&self, css: &str, text: &str) -> R {
        let e = self.find(css).await?;
        e.click().await?;
        e.send_keys(text).await?;
        Ok(())
    }

    /// Sets an input's or select's value as a user would (firing `input` and `change`).
    async fn set_value(&self, css: &str, value: &str) -> R {
        self.find(css).await?;
        let js =
            "const e = document.querySelector(arguments[0]); e.focus(); e.value = arguments[1]; \
                  e.dispatchEvent(new Event('input', {bubbles: true})); \
                  e.dispatchEvent(new Event('change', {bubbles: true}));";
        self.c().execute(js, vec![css.into(), value.into()]).await?;
        Ok(())
    }

    /// Keeps a picture of the screen: the X display as the clerk would see it (ImageMagick's
    /// `import`), else WebDriver's screenshot (which WebKitGTK does not answer when
    /// accelerated compositing is off, as the app runs by default on Linux).
    async fn shot(&self, name: &str) -> R<PathBuf> {
        // Let the debounced preview and the repaint settle.
        tokio::time::sleep(Duration::from_millis(600)).await;
        let p = out_dir().join(format!("{name}.png"));
        if std::env::var_os("DISPLAY").is_some() {
            let status = tokio::process::Command::new("import")
                .args(["-window", "root"])
                .arg(&p)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .await;
            if status.is_ok_and(|s| s.success()) {
                return Ok(p);
            }
        }
        let png = tokio::time::timeout(Duration::from_secs(10), self.c().screenshot())
            .await
            .map_err(|_| format!("screenshot {name}: no answer in 10 s"))??;
        std::fs::write(&p, png)?;
        Ok(p)
    }

    async fn close(mut self) {
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
        }
    }
}

/// Runs a test body; on failure keeps a screenshot, closes the session and panics.
async fn run<F>(name: &str, body: F)
where
    F: for<'a> FnOnce(&'a Driver) -> std::pin::Pin<Box<dyn std::future::Future<Output = R> + 'a>>,
{
    let d = match start().await {
        Ok(d) => d,
        Err(e) => panic!("{name}: could not start the app: {e}"),
    };
    let result = body(&d).await;
    if let Err(e) = result {
        let shot = d.shot(&format!("{name}-failure")).await;
        d.close().await;
        panic!("{name}: {e} (screenshot: {shot:?})");
    }
    d.close().await;
}

fn docx_text(path: &Path) -> R<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path)?)?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    Ok(xml)
}

const SUBJECT: &str = "tăng cường công tác văn thư, lưu trữ năm 2024";
const RECIPIENT: &str = "Các phòng, đơn vị thuộc Sở";
const BODY: &str = "Để nâng cao chất lượng công tác văn thư, Sở đề nghị các phòng, đơn vị thực hiện nghiêm túc các nội dung sau.";

#[tokio::test]
#[ignore = "drives the real app: make test-e2e"]
async fn draft_a_cong_van_preview_and_export_the_docx() {
    run("cong-van", |d| {
        Box::pin(async move {
            // First start: the sample profile, a Công văn ready to fill.
            d.wait_text("header h1", "Văn Thư").await?;
            let kind = d.find("#f-kind").await?;
            assert_eq!(kind.prop("value").await?.as_deref(), Some("cong-van"));
            d.wait_text("#preview", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
                .await?;
            d.wait_text("#symbol", "/SVHTTDL").await?;

            // Exporting too early: the missing fields are named next to them, nothing is written.
            d.find("#export-docx").await?.click().await?;
            for field in ["subject", "body", "recipients"] {
                let css = format!("[data-error-for='{field}']");
                d.wait_text(&css, "Trường này là bắt buộc.").await?;
            }
            d.wait_text(".summary", "trường cần sửa").await?;
            if std::fs::read_dir(d.files.path())?.next().is_some() {
                return Err("a file was written for an invalid draft".into());
            }

            d.type_into("#f-subject", SUBJECT).await?;
            d.type_into("#recipients-new", &format!("{RECIPIENT}\u{E007}"))
                .await?;
            d.type_into("#f-body", BODY).await?;
            d.set_value("#f-unit_code", "QLVHGĐ").await?;

            // A real-word slip: the checker names the word, one click puts it right.
            d.type_into("#f-body", " Sở đề nghỉ các phòng lưu ý.")
                .await?;
            let fix = ".findings button.fix[title*='đề nghị']";
            d.find(fix)
                .await
                .map_err(|e| format!("no fix button: {e}"))?;
            // Clicked from the page: the button may sit under the status bar at this size.
            let js = "document.querySelector(arguments[0]).scrollIntoView(); \
                      document.querySelector(arguments[0]).click();";
            d.c()
                .execute(js, vec![fix.into()])
                .await
                .map_err(|e| format!("clicking the fix: {e:?}"))?;
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let js = "return document.querySelector('#f-body').value;";
                let body = d
                    .c()
                    .execute(js, vec![])
                    .await
                    .map_err(|e| format!("reading the body: {e:?}"))?;
                let body = body.as_str().unwrap_or_default();
                if body.ends_with("Sở đề nghị các phòng lưu ý.") && body.starts_with(BODY)
                {
                    break;
                }
                if Instant::now() > deadline {
                    return Err(format!("the fix was not applied: {body:?}").into());
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            d.c()
                .execute(
                    "document.querySelector('#f-number').scrollIntoView({block: 'center'});",
                    vec![],
                )
                .await?;

            // The preview follows the form; the symbol is the core's.
            d.wait_text("#preview", SUBJECT).await?;
            d.wait_text("#preview", &format!("Kính gửi: {RECIPIENT}"))
                .await?;
            d.wait_text("#symbol", "/SVHTTDL-QLVHGĐ").await?;
            d.wait_text("#page-count", "1 trang").await?;

            // Bad input: a message next to the field.
            d.type_into("#f-number", "12a").await?;
            d.wait_text(
                "[data-error-for='number']",
                "Số văn bản phải là số nguyên dương",
            )
            .await?;
            d.set_value("#f-number", "7").await?;
            d.wait_text("#symbol", "Số: 07/SVHTTDL-QLVHGĐ").await?;

            // Export the DOCX and check what it holds.
            d.find("#export-docx").await?.click().await?;
            let path = d.files.path().join("cong-van-07.docx");
            let deadline = Instant::now() + Duration::from_secs(30);
            while !path.exists() && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            d.wait_text("#status", "Đã xuất DOCX").await?;
            let xml = docx_text(&path)?;
            for needle in [
                SUBJECT,
                RECIPIENT,
                "Số: 07/SVHTTDL-QLVHGĐ",
                "Nơi nhận",
                "Nguyễn Văn An",
                "Kính gửi",
            ] {
                if !xml.contains(needle) {
                    return Err(format!("the DOCX lacks {needle:?}").into());
                }
            }

            register_steps(d).await?;
            Ok(())
        })
    })
    .await;
}

/// Issue the number, find the letter by an unaccented search, cancel a reserved number.
async fn register_steps(d: &Driver) -> R {
    // The register gives the number: the one typed for the export is cleared first.
    d.set_value("#f-number", "").await?;
    d.find("#issue-number").await?.click().await?;
    d.wait_text("#status", "Đã cấp số: 01/SVHTTDL-QLVHGĐ")
        .await?;
    d.wait_text("#symbol", "Số: 01/SVHTTDL-QLVHGĐ").await?;
    d.wait_text(".note", "đã được cấp số").await?;
    if d.find("#issue-number").await?.is_enabled().await? {
        return Err("an issued letter can be issued again".into());
    }

    // A new letter takes a số dự kiến.
    d.c()
        .execute(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .await?;
    d.find(".actions button").await?.click().await?;
    d.wait_text("#status", "Bản thảo mới").await?;
    d.find("#reserve-number").await?.click().await?;
    d.wait_text("#status", "Đã lấy số dự kiến: 02/SVHTTDL")
        .await?;
    d.wait_text(".note", "Số dự kiến 02/SVHTTDL").await?;

    // Found without accents; the entry keeps its DOCX.
    d.find("#tab-register").await?.click().await?;
    d.wait_text("#reg-count", "2 văn bản").await?;
    d.type_into("#reg-search", "tang cuong cong tac van thu")
        .await?;
    d.wait_text("#reg-count", "1 văn bản").await?;
    d.wait_text(".viewport", "tăng cường công tác văn thư")
        .await?;
    // Keyboard only: ↓ from the search box to the first row, Enter opens it.
    d.find("#reg-search").await?.send_keys("\u{E015}").await?;
    d.c().active_element().await?.send_keys("\u{E007}").await?;
    d.wait_text("#detail-symbol", "01/SVHTTDL-QLVHGĐ").await?;
    d.wait_text("#detail-status", "Đã phát hành").await?;
    d.wait_text(".detail", "Cấp số, phát hành").await?;
    // The stored DOCX is the numbered letter.
    d.find("#open-docx").await?.click().await?;
    d.wait_text("#status", "01-SVHTTDL-QLVHGĐ.docx").await?;
    let stored = docx_text(&d.files.path().join("01-SVHTTDL-QLVHGĐ.docx"))?;
    for needle in ["Số: 01/SVHTTDL-QLVHGĐ", SUBJECT] {
        if !stored.contains(needle) {
            return Err(format!("the stored DOCX lacks {needle:?}").into());
        }
    }
    d.shot("screen-so-van-ban-di-chi-tiet").await?;
    // An issued number is not cancelled without a reason.
    d.find("#cancel-number").await?.click().await?;
    d.find("#confirm-cancel").await?.click().await?;
    d.wait_text("[data-error-for='reason']", "lý do").await?;
    d.find(".detail .close").await?.click().await?;

    // Cancel the reserved number, with a reason: it stays, marked cancelled.
    d.set_value("#reg-search", "").await?;
    d.set_value("#reg-status", "reserved").await?;
    d.wait_text("#reg-count", "1 văn bản").await?;
    d.wait_text(".viewport", "Số dự kiến").await?;
    d.find(".reg-row").await?.click().await?;
    d.wait_text("#detail-symbol", "02/SVHTTDL").await?;
    d.find("#cancel-number").await?.click().await?;
    d.type_into("#cancel-reason", "Không ban hành văn bản")
        .await?;
    d.find("#confirm-cancel").await?.click().await?;
    d.wait_text("#status", "Đã hủy số 02/SVHTTDL").await?;
    d.wait_text("#detail-status", "Đã hủy").await?;
    d.wait_text(".detail", "Không ban hành văn bản").await?;
    d.set_value("#reg-status", "").await?;
    d.wait_text("#reg-count", "2 văn bản").await?;
    d.wait_text(".viewport", "Đã hủy").await?;
    d.shot("screen-so-van-ban-di-da-huy").await?;

    // The printable register and the Excel workbook are written where the clerk chose.
    d.find("#export-register-docx").await?.click().await?;
    d.wait_text("#status", "Đã xuất sổ in").await?;
    d.find("#export-xlsx").await?.click().await?;
    d.wait_text("#status", "Đã xuất Excel").await?;
    let year = chrono::Local::now().format("%Y").to_string();
    for ext in ["docx", "xlsx"] {
        let p = d.files.path().join(format!("so-van-ban-di-{year}.{ext}"));
        if !p.exists() {
            return Err(format!("{} was not written", p.display()).into());
        }
    }
    let xml = docx_text(&d.files.path().join(format!("so-van-ban-di-{year}.docx")))?;
    for needle in ["01/SVHTTDL-QLVHGĐ", "02/SVHTTDL", "SỔ ĐĂNG KÝ VĂN BẢN ĐI"] {
        if !xml.contains(needle) {
            return Err(format!("the printable register lacks {needle:?}").into());
        }
    }
    Ok(())
}

#[tokio::test]
#[ignore = "drives the real app: make test-e2e"]
async fn screens() {
    run("screens", |d| {
        Box::pin(async move {
            d.wait_text("#preview", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                .await?;
            d.type_into("#f-subject", SUBJECT).await?;
            d.type_into("#recipients-new", &format!("{RECIPIENT}\u{E007}"))
                .await?;
            d.type_into("#f-body", BODY).await?;
            d.wait_text("#preview", SUBJECT).await?;
            d.shot("screen-soan-thao").await?;
            for (tab, name, needle) in [
                ("register", "screen-so-van-ban-di", "Tìm văn bản"),
                ("templates", "screen-mau-van-ban", "mẫu"),
                ("settings", "screen-cai-dat", "Hồ sơ cơ quan"),
            ] {
                d.find(&format!("#tab-{tab}")).await?.click().await?;
                d.wait_text("main", needle).await?;
                d.shot(name).await?;
            }
            // Settings: a register of văn bản mật, with its own numbering; a code used twice
            // is refused next to the field.
            for attempt in 0..2 {
                d.find(".registers > button").await?.click().await?;
                d.set_value("#r-code", "svhttdl-mat").await?;
                d.set_value("#r-per-kind", "1").await?;
                d.find("label.check input").await?.click().await?;
                d.find(".registers .reg-card button.primary")
                    .await?
                    .click()
                    .await?;
                if attempt == 0 {
                    d.wait_text(".registers", "mỗi loại văn bản một dãy số")
                        .await?;
                    d.wait_text(".registers", "Sổ đăng ký văn bản mật đi")
                        .await?;
                } else {
                    d.wait_text("[data-error-for='code']", "Đã có sổ").await?;
                }
            }
            d.c()
                .execute(
                    "document.querySelector('.registers').scrollIntoView()",
                    vec![],
                )
                .await?;
            d.shot("screen-cai-dat-so-dang-ky").await?;
            // Settings: an emptied name is refused next to the field.
            d.set_value("#p-name", "").await?;
            d.find(".profile-form button.primary")
                .await?
                .click()
                .await?;
            d.wait_text("[data-error-for='name']", "Trường này là bắt buộc.")
                .await?;
            d.shot("screen-cai-dat-loi").await?;
            Ok(())
        })
    })
    .await;
}
