//! Native file dialogs, run from Rust: the UI never gets a file-system capability.
//!
//! `VANTHU_DIALOG_DIR` (used by the end-to-end tests) answers every dialog with a path in
//! that folder instead of showing it: the suggested name when saving, `open.json` when opening.

use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

fn scripted(name: &str) -> Option<PathBuf> {
    std::env::var_os("VANTHU_DIALOG_DIR").map(|d| PathBuf::from(d).join(name))
}

/// Asks where to save a file; `None` when the user cancels.
pub fn save(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
    suggested: &str,
) -> Option<PathBuf> {
    if let Some(p) = scripted(suggested) {
        return Some(p);
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .set_file_name(suggested)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks which file to open; `None` when the user cancels.
pub fn open(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(p) = scripted("open.json") {
        return Some(p);
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
