//! The register's history names the person the app was told about ([`register::set_actor`]),
//! not the login name. (A file of its own: the name is process-wide.)

use vanthu::draft::Regime;
use vanthu::profile::Profile;
use vanthu::register::{self, NumberRequest, Register};

#[test]
fn the_history_records_the_users_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut reg = Register::open(&dir.path().join("register.sqlite")).expect("open");
    let file = Profile::sample(Regime::State).draft_file("cong-van");
    let req = NumberRequest {
        create: true,
        ..Default::default()
    };
    register::set_actor(Some("  Nguyễn Thị Lan "));
    let first = reg.reserve_draft(&file, &req).expect("reserve");
    register::set_actor(Some(""));
    let second = reg.reserve_draft(&file, &req).expect("reserve");
    let who = |id| reg.audit(id).expect("audit")[0].actor.clone();
    assert_eq!(who(first.entry.id), "Nguyễn Thị Lan");
    assert_ne!(
        who(second.entry.id),
        "Nguyễn Thị Lan",
        "an empty name is the login's"
    );
}
