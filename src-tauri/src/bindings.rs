//! TypeScript bindings of every type the commands take or return, generated with ts-rs.
//!
//! `ui/src/lib/bindings.ts` is checked in; the test below regenerates it and fails on any
//! difference (run with `UPDATE_BINDINGS=1` to rewrite it).

use ts_rs::{Config, TS};

use crate::commands::{app, draft, lint, register, templates};
use crate::error::{AppError, FieldMessage};
use crate::store::{AppSettings, ProfileStore};

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        vanthu::ErrorCode::decl(&cfg),
        vanthu::Regime::decl(&cfg),
        vanthu::rules::Form::decl(&cfg),
        vanthu::rules::FieldUse::decl(&cfg),
        vanthu::rules::Period::decl(&cfg),
        vanthu::rules::facts::Choice::decl(&cfg),
        vanthu::rules::facts::KindFacts::decl(&cfg),
        vanthu::rules::facts::NumberingFacts::decl(&cfg),
        vanthu::rules::facts::RuleFacts::decl(&cfg),
        vanthu::rules::facts::RegimeFacts::decl(&cfg),
        vanthu::rules::facts::Facts::decl(&cfg),
        vanthu::draft::IssuerFile::decl(&cfg),
        vanthu::draft::SignerFile::decl(&cfg),
        vanthu::draft::DraftFile::decl(&cfg),
        vanthu::profile::ProfileSigner::decl(&cfg),
        vanthu::profile::Unit::decl(&cfg),
        vanthu::profile::Profile::decl(&cfg),
        ProfileStore::decl(&cfg),
        AppSettings::decl(&cfg),
        FieldMessage::decl(&cfg),
        AppError::decl(&cfg),
        app::AppInfo::decl(&cfg),
        draft::Preview::decl(&cfg),
        draft::OpenedDraft::decl(&cfg),
        draft::Exported::decl(&cfg),
        draft::RecentDraft::decl(&cfg),
        draft::SavedDraft::decl(&cfg),
        register::RegisterQuery::decl(&cfg),
        register::RegisterRow::decl(&cfg),
        register::RegisterPage::decl(&cfg),
        register::RegisterEntry::decl(&cfg),
        register::AttachedFile::decl(&cfg),
        register::HistoryLine::decl(&cfg),
        register::IssuedNumber::decl(&cfg),
        register::RegisterSummary::decl(&cfg),
        register::RegisterForm::decl(&cfg),
        vanthu::register::server::Engine::decl(&cfg),
        vanthu::register::server::ServerSettings::decl(&cfg),
        vanthu::register::server::ServerCheck::decl(&cfg),
        crate::server_settings::RegisterSettings::decl(&cfg),
        templates::TemplateField::decl(&cfg),
        templates::TemplateInfo::decl(&cfg),
        lint::Finding::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p vanthu-app bindings` (ts-rs). Do not edit.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            old == fresh,
            "ui/src/lib/bindings.ts is out of date: run `UPDATE_BINDINGS=1 cargo test -p vanthu-app bindings`"
        );
    }
}
