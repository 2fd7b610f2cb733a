//! The `#[tauri::command]`s, one module per screen. Each is a thin wrapper over the core.

pub mod app;
pub mod draft;
pub mod lint;
pub mod profile;
pub mod register;
pub mod register_server;
pub mod templates;
