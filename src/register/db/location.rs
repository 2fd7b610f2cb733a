//! Where a register is kept: a file path (SQLite) or a `postgres://` address (a server).

use std::path::{Path, PathBuf};

use crate::register::error::{RegisterError, Result};

/// A register's location.
#[derive(Debug, Clone)]
pub enum Location {
    /// An SQLite file (or an SQLite `file:` URI).
    File(PathBuf),
    /// A PostgreSQL database.
    Postgres(Box<PgTarget>),
}

/// A PostgreSQL database to connect to.
#[derive(Clone)]
pub struct PgTarget {
    /// The connection settings (host, port, user, password, database, `sslmode`).
    pub config: ::postgres::Config,
    /// The address as shown to people: never the password.
    pub display: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display)
    }
}

impl Location {
    /// Reads a location: `postgres://user@host:port/db` (also `postgresql://`, with
    /// `?host=/socket/dir`, `sslmode=disable|prefer|require`, `password=`), else a file path.
    /// Another `scheme://` is an error that names it.
    pub fn parse(text: &Path) -> Result<Location> {
        let s = text.to_string_lossy();
        let Some((scheme, _)) = s.split_once("://") else {
            return Ok(Location::File(text.to_path_buf()));
        };
        let plain_scheme = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !plain_scheme {
            return Ok(Location::File(text.to_path_buf()));
        }
        if !matches!(
            scheme.to_ascii_lowercase().as_str(),
            "postgres" | "postgresql"
        ) {
            return Err(RegisterError::UnknownLocation(format!("{scheme}://")));
        }
        let config: ::postgres::Config = s.parse().map_err(|e: ::postgres::Error| {
            RegisterError::invalid("--db", format!("{}: {e}", redact(&s)))
        })?;
        if config.get_dbname().is_none() {
            return Err(RegisterError::invalid(
                "--db",
                format!(
                    "{}: name the database (postgres://user@host:port/DATABASE)",
                    redact(&s)
                ),
            ));
        }
        Ok(Location::Postgres(Box::new(PgTarget {
            display: redact(&s),
            config,
        })))
    }

    /// The location as shown to people (a server's address without its password).
    pub fn display(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Postgres(t) => t.display.clone(),
        }
    }
}

/// A `postgres://` address with its password (in the user part or a `password=` parameter)
/// replaced by `***`.
pub fn redact(url: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h.to_string(), Some(q)),
        None => (url.to_string(), None),
    };
    let head = match head.split_once("://") {
        Some((scheme, rest)) => {
            let (auth, host) = match rest.rsplit_once('@') {
                Some((a, h)) => (Some(a), h),
                None => (None, rest),
            };
            match auth {
                Some(a) => match a.split_once(':') {
                    Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
                    None => format!("{scheme}://{a}@{host}"),
                },
                None => format!("{scheme}://{host}"),
            }
        }
        None => head,
    };
    match query {
        Some(q) => {
            let q: Vec<String> = q
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => kv.to_string(),
                })
                .collect();
            format!("{head}?{}", q.join("&"))
        }
        None => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_servers_and_unknown_schemes() {
        assert!(matches!(
            Location::parse(Path::new("so/register.sqlite")),
            Ok(Location::File(_))
        ));
        assert!(matches!(
            Location::parse(Path::new("file:register.sqlite?mode=ro")),
            Ok(Location::File(_))
        ));
        assert!(matches!(
            Location::parse(Path::new(r"C:\Users\vt\register.sqlite")),
            Ok(Location::File(_))
        ));
        let pg = Location::parse(Path::new("postgres://clerk:secret@127.0.0.1:54329/vanthu"))
            .expect("postgres");
        assert_eq!(pg.display(), "postgres://clerk:***@127.0.0.1:54329/vanthu");
        let Location::Postgres(t) = pg else {
            panic!("a server")
        };
        assert_eq!(t.config.get_dbname(), Some("vanthu"));
        assert_eq!(t.config.get_ports(), &[54329]);
        assert!(matches!(
            Location::parse(Path::new(
                "postgresql://u@/vanthu?host=/run/pg&sslmode=require"
            )),
            Ok(Location::Postgres(_))
        ));
        let err = Location::parse(Path::new("mysql://root@db/vanthu")).expect_err("unknown");
        assert_eq!(err.code().as_str(), "unknown_location");
        assert!(err.to_string().contains("mysql://"), "{err}");
        let err = Location::parse(Path::new("postgres://u@h:5432")).expect_err("no db");
        assert!(err.to_string().contains("DATABASE"), "{err}");
    }

    #[test]
    fn passwords_never_shown() {
        assert_eq!(
            redact("postgres://u:p@h/db?sslmode=require&password=x"),
            "postgres://u:***@h/db?sslmode=require&password=***"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
