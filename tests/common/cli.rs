//! Running the `vanthu` command line from the integration tests: the binary, its register
//! subcommand on a given database, and what it printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_vanthu");

/// The Lạng Sơn sample draft.
pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/cong-van-lang-son-2023.json"
);

/// `register init` of the Sở's state register (code SVHTTDL), the arguments alone.
pub const INIT_STATE: [&str; 7] = [
    "init",
    "--regime",
    "state",
    "--issuer-name",
    "SỞ VĂN HÓA",
    "--issuer-code",
    "SVHTTDL",
];

/// `vanthu ARGS`, with no register database from the environment.
pub fn vanthu(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("VANTHU_DB")
        .output()
        .expect("run vanthu")
}

/// `vanthu register --db DB`, to add arguments to and run or spawn.
pub fn register_command(db: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("register")
        .arg("--db")
        .arg(db)
        .env_remove("VANTHU_DB");
    c
}

/// `vanthu register --db DB ARGS`.
pub fn register(db: &Path, args: &[&str]) -> Output {
    register_command(db)
        .args(args)
        .output()
        .expect("run vanthu")
}

/// The JSON a successful command printed.
pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// What a command wrote to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What a command wrote to standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A new database in a temporary folder with the Lạng Sơn Sở's state register.
pub fn state_register() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("r.sqlite");
    let o = register(
        &db,
        &[
            "init",
            "--regime",
            "state",
            "--issuer-name",
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            "--issuer-code",
            "SVHTTDL",
            "--parent",
            "UBND TỈNH LẠNG SƠN",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, db)
}
