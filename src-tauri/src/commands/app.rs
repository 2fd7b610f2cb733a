//! What the app can do on this machine.

use serde::Serialize;
use ts_rs::TS;

use crate::error::CmdResult;

/// Facts the UI needs at start.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// Where profiles and autosaved drafts live.
    pub data_dir: String,
    /// The register of outgoing documents is in this build.
    pub register_available: bool,
    /// Templates are in this build.
    pub templates_available: bool,
    /// The text checker is in this build.
    pub lint_available: bool,
    /// `make bench` is measuring this run (`VANTHU_BENCH` is set): the UI reports its timings.
    pub bench: bool,
}

/// Facts the UI needs at start.
#[tauri::command]
pub fn app_info() -> CmdResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: crate::store::data_dir()?.display().to_string(),
        register_available: super::register::AVAILABLE,
        templates_available: super::templates::AVAILABLE,
        lint_available: super::lint::AVAILABLE,
        bench: std::env::var_os("VANTHU_BENCH").is_some(),
    })
}

/// Prints a measurement for `scripts/bench-app.sh` (`BENCH name value`); `ready` also prints
/// the wall-clock time in milliseconds, so the script can measure cold start from launch.
#[tauri::command]
pub fn bench_mark(name: String, value: f64) {
    use std::io::Write;
    if std::env::var_os("VANTHU_BENCH").is_none() {
        return;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "BENCH {name} {value} {now}");
    let _ = out.flush();
}
