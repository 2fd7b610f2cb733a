//! Văn Thư desktop app: thin Tauri commands over the `vanthu` core. No document logic here.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod bindings;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod server_settings;
pub mod store;

pub use error::AppError;

/// Sets up the web view before any window exists. On Linux, WebKitGTK's accelerated
/// compositing is turned off unless the user chose otherwise (`VANTHU_COMPOSITING=1`, or
/// `WEBKIT_DISABLE_COMPOSITING_MODE` already set): on machines that render GL in software
/// (virtual machines, older office PCs) it costs ≈ 130 MB and turns a 20 ms scroll frame into
/// 150–300 ms; without it the idle app measures ≈ 230 MB PSS (`make bench`).
pub fn configure_webview() {
    #[cfg(target_os = "linux")]
    {
        let chosen = std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_some()
            || std::env::var_os("VANTHU_COMPOSITING").is_some_and(|v| v == "1");
        if !chosen {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        }
    }
}

/// Builds and runs the app (blocks until the window closes).
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::register::RegisterState::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::bench_mark,
            commands::draft::rules_facts,
            commands::draft::new_draft,
            commands::draft::preview,
            commands::draft::open_draft,
            commands::draft::save_draft,
            commands::draft::export_docx,
            commands::draft::export_pdf,
            commands::draft::autosave,
            commands::draft::restore_autosave,
            commands::draft::recent_drafts,
            commands::draft::open_recent,
            commands::draft::parse_date,
            commands::draft::open_path,
            commands::profile::profiles_load,
            commands::profile::profiles_save,
            commands::profile::settings_load,
            commands::profile::settings_save,
            commands::register::register_list,
            commands::register::register_entry,
            commands::register::register_issue,
            commands::register::register_cancel,
            commands::register::register_open_docx,
            commands::register::register_attach,
            commands::register::register_export,
            commands::register::registers_list,
            commands::register::register_add_term,
            commands::register::register_create,
            commands::register_server::register_settings_load,
            commands::register_server::register_settings_save,
            commands::register_server::register_server_check,
            commands::templates::templates_list,
            commands::templates::template_fill,
            commands::lint::lint_check,
            commands::lint::lint_fix,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error: the app could not start: {e}");
        std::process::exit(1);
    }
}
