//! A shared register on an office's PostgreSQL server, as the app's settings describe it:
//! the address without the password (the password is kept by the operating system's
//! keyring, never on disk), how to build the location, and a connection check.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use super::error::{RegisterError, Result};
use super::Register;

/// Where the register is kept, as the app's settings say.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// A file on this machine (SQLite).
    #[default]
    File,
    /// A PostgreSQL server shared by the office.
    Server,
}

/// The server's address: everything but the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServerSettings {
    /// Host name or IP address.
    pub host: String,
    /// TCP port (5432 by default).
    pub port: u16,
    /// Database name.
    pub database: String,
    /// Login role.
    pub user: String,
    /// Encrypt the connection (`sslmode=require`).
    pub tls: bool,
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            host: String::new(),
            port: 5432,
            database: "vanthu".into(),
            user: String::new(),
            tls: true,
        }
    }
}

/// Percent-encodes a part of a URL (user, password, database).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl ServerSettings {
    /// Checks the fields, naming the first one that is wrong.
    pub fn check(&self) -> Result<()> {
        for (field, v) in [
            ("host", &self.host),
            ("database", &self.database),
            ("user", &self.user),
        ] {
            if v.trim().is_empty() {
                return Err(RegisterError::invalid(field, "required"));
            }
        }
        if self.host.contains(['/', '@', '?', ' ']) && !self.host.starts_with('/') {
            return Err(RegisterError::invalid(
                "host",
                "a host name or an IP address (e.g. 192.168.1.10)",
            ));
        }
        if self.port == 0 {
            return Err(RegisterError::invalid("port", "1 to 65535"));
        }
        Ok(())
    }

    /// The keyring entry's name for this server's password (`user@host:port/database`).
    pub fn keyring_account(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.user.trim(),
            self.host.trim(),
            self.port,
            self.database.trim()
        )
    }

    /// The register's location: `postgres://user:password@host:port/database?sslmode=…`.
    pub fn location(&self, password: Option<&str>) -> Result<PathBuf> {
        self.check()?;
        let auth = match password.filter(|p| !p.is_empty()) {
            Some(p) => format!("{}:{}", encode(self.user.trim()), encode(p)),
            None => encode(self.user.trim()),
        };
        let mode = if self.tls { "require" } else { "disable" };
        let host = self.host.trim();
        let url = if host.starts_with('/') {
            format!(
                "postgres://{auth}@/{}?host={}&port={}&sslmode=disable",
                encode(self.database.trim()),
                host,
                self.port
            )
        } else {
            format!(
                "postgres://{auth}@{host}:{}/{}?sslmode={mode}",
                self.port,
                encode(self.database.trim())
            )
        };
        Ok(PathBuf::from(url))
    }
}

/// What a successful connection check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServerCheck {
    /// The server's version (`PostgreSQL 15.18 …`).
    pub version: String,
    /// The login's role.
    pub role: String,
    /// Whether the role may issue, cancel and correct (member of `vanthu_clerk`, or the owner).
    pub clerk: bool,
    /// The registers the database holds (their codes).
    pub registers: Vec<String>,
    /// Whether the connection is encrypted.
    pub tls: bool,
}

impl Register {
    /// Connects to a server register (creating its schema on an empty database) and says what
    /// it found: the app's *Kiểm tra kết nối*.
    pub fn check_server(location: &std::path::Path) -> Result<ServerCheck> {
        let reg = Register::open(location)?;
        if !reg.is_server() {
            return Err(RegisterError::invalid(
                "host",
                "not a server address (postgres://…)",
            ));
        }
        let db = reg.db();
        let version: String =
            db.query_row("SELECT version()", super::db::params![], |r| r.get(0))?;
        let (role, clerk, tls): (String, bool, bool) = db.query_row(
            "SELECT current_user::text, \
             CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vanthu_clerk') \
               THEN pg_has_role(current_user, 'vanthu_clerk', 'MEMBER') ELSE false END OR \
               (SELECT tableowner = current_user FROM pg_tables WHERE tablename = 'entries' AND schemaname = current_schema()), \
             coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
            super::db::params![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(ServerCheck {
            version: version.split(" on ").next().unwrap_or(&version).to_string(),
            role,
            clerk,
            registers: reg.registers()?.into_iter().map(|r| r.code).collect(),
            tls,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_encode_and_never_leave_fields_empty() {
        let s = ServerSettings {
            host: "192.168.1.10".into(),
            port: 5432,
            database: "vanthu".into(),
            user: "văn thư".into(),
            tls: true,
        };
        let loc = s.location(Some("p@ss:w/rd")).expect("location");
        assert_eq!(
            loc.to_string_lossy(),
            "postgres://v%C4%83n%20th%C6%B0:p%40ss%3Aw%2Frd@192.168.1.10:5432/vanthu?sslmode=require"
        );
        assert!(matches!(
            crate::register::Location::parse(&loc),
            Ok(crate::register::Location::Postgres(_))
        ));
        let err = ServerSettings {
            host: " ".into(),
            ..s.clone()
        }
        .location(None)
        .expect_err("no host");
        assert_eq!(err.field(), Some("host"));
        assert_eq!(s.keyring_account(), "văn thư@192.168.1.10:5432/vanthu");
    }
}
