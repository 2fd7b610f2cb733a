//! A register for a test: a temporary SQLite file, or, when `VANTHU_TEST_PG` names the
//! throwaway PostgreSQL server that `make test` starts (`scripts/pg-throwaway.sh`), a fresh
//! database on that server. The same tests run against both engines.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// The environment variable naming the test server (`postgres://vanthu_admin@127.0.0.1:PORT`).
pub const ENV_PG: &str = "VANTHU_TEST_PG";

pub struct TestDb {
    pub dir: tempfile::TempDir,
    /// The register's location: a file path or a `postgres://` address.
    pub path: PathBuf,
    /// Whether it is on the server.
    pub server: bool,
}

/// The test server's base address, when the tests run against PostgreSQL.
pub fn server() -> Option<String> {
    std::env::var(ENV_PG)
        .ok()
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches('/').to_string())
}

/// Creates an empty database on the test server; its address.
pub fn new_server_db(base: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "vt_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut c = postgres::Client::connect(&format!("{base}/postgres"), postgres::NoTls)
        .expect("the test server answers");
    c.batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    format!("{base}/{name}")
}

/// A new, empty register location for one test.
pub fn test_db() -> TestDb {
    let dir = tempfile::tempdir().expect("tempdir");
    match server() {
        Some(base) => TestDb {
            path: PathBuf::from(new_server_db(&base)),
            dir,
            server: true,
        },
        None => TestDb {
            path: dir.path().join("register.sqlite"),
            dir,
            server: false,
        },
    }
}
