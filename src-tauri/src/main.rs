//! Văn Thư desktop app entry point.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    vanthu_app::configure_webview();
    vanthu_app::run();
}
