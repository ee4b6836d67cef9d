//! Configuration from the environment, with defaults that run the app locally.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use crate::limits::Rates;

/// Where to listen, where the database lives, and where the built app is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `WEGWIJS_ADDR` (default 127.0.0.1) and `PORT` (default 8080).
    pub addr: SocketAddr,
    /// `WEGWIJS_DB`: a file path for SQLite (default `./data/wegwijs.sqlite`, created with its
    /// folder when missing), or a `postgres://` URL.
    pub db: Database,
    /// `WEGWIJS_DIST` (default `./dist`): the app built by Trunk.
    pub dist: PathBuf,
    /// `WEGWIJS_RATE_PER_ADDRESS` and `WEGWIJS_RATE_PER_SPACE` (API requests per minute; 0 is
    /// no limit) and `WEGWIJS_BEHIND_PROXY=1` (take the client's address from the last
    /// `X-Forwarded-For` entry, as a proxy in front appends it).
    pub rates: Rates,
}

impl Config {
    /// Reads the configuration through `var`, so tests need not touch the process environment.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let port = match var("PORT") {
            None => 8080,
            Some(p) => {
                p.trim().parse::<u16>().map_err(|_| format!("PORT must be a number from 0 to 65535, not '{p}'"))?
            }
        };
        let ip = match var("WEGWIJS_ADDR") {
            None => IpAddr::V4(Ipv4Addr::LOCALHOST),
            Some(a) => a.trim().parse().map_err(|_| format!("WEGWIJS_ADDR must be an IP address, not '{a}'"))?,
        };
        let path = |name: &str, default: &str| {
            PathBuf::from(var(name).filter(|v| !v.is_empty()).unwrap_or_else(|| default.into()))
        };
        let rate = |name: &str, default: u32| match var(name) {
            None => Ok(default),
            Some(r) => r
                .trim()
                .parse::<u32>()
                .map_err(|_| format!("{name} must be a number of requests per minute, not '{r}'")),
        };
        let behind_proxy = match var("WEGWIJS_BEHIND_PROXY").as_deref().map(str::trim) {
            None | Some("" | "0") => false,
            Some("1") => true,
            Some(other) => return Err(format!("WEGWIJS_BEHIND_PROXY must be 1 or 0, not '{other}'")),
        };
        let defaults = crate::DEFAULT_RATES;
        Ok(Config {
            addr: SocketAddr::new(ip, port),
            db: Database::parse(&var("WEGWIJS_DB").unwrap_or_default())?,
            dist: path("WEGWIJS_DIST", "./dist"),
            rates: Rates {
                per_address: rate("WEGWIJS_RATE_PER_ADDRESS", defaults.per_address)?,
                per_space: rate("WEGWIJS_RATE_PER_SPACE", defaults.per_space)?,
                behind_proxy,
            },
        })
    }
}

/// Which database the server keeps its spaces in.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server, by its URL (`postgres://user:password@host:port/name`).
    Postgres(PostgresUrl),
}

/// The file a server uses when `WEGWIJS_DB` is not set.
pub const DEFAULT_SQLITE: &str = "./data/wegwijs.sqlite";

impl Database {
    /// Reads a `WEGWIJS_DB` value: a `postgres://` or `postgresql://` URL, or else a file path
    /// (empty is the default file). A URL that PostgreSQL's client cannot read is refused here,
    /// with the reason and without the password.
    pub fn parse(text: &str) -> Result<Database, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Database::Sqlite(PathBuf::from(DEFAULT_SQLITE)));
        }
        if !(text.starts_with("postgres://") || text.starts_with("postgresql://")) {
            return Ok(Database::Sqlite(PathBuf::from(text)));
        }
        let url = PostgresUrl(text.to_owned());
        // The client's own error can quote the URL's parts; only its kind is passed on.
        url.client_config().map_err(|e| {
            let why = e.to_string().replace(url.password().unwrap_or("\0"), "***");
            format!("WEGWIJS_DB is not a PostgreSQL URL that can be used ({why}): {url}")
        })?;
        Ok(Database::Postgres(url))
    }

    /// The kind of database, as health names it.
    pub fn backend(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        }
    }
}

/// Never prints a password: this is what the start-up log and every error show.
impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => url.fmt(f),
        }
    }
}

impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Database({self})")
    }
}

/// A PostgreSQL URL, which may hold a password. Only [`PostgresUrl::client_config`] reads the
/// whole of it; `Display` and `Debug` show `***` in the password's place.
#[derive(Clone, PartialEq, Eq)]
pub struct PostgresUrl(String);

impl PostgresUrl {
    /// The settings for PostgreSQL's client.
    pub fn client_config(&self) -> Result<postgres::Config, postgres::Error> {
        self.0.parse()
    }

    /// The password in the URL's user part, if there is one.
    fn password(&self) -> Option<&str> {
        let rest = self.0.split_once("://")?.1;
        let authority = rest.split(['/', '?']).next()?;
        let user_info = authority.rsplit_once('@')?.0;
        user_info.split_once(':').map(|(_, password)| password).filter(|p| !p.is_empty())
    }
}

impl fmt::Display for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = match self.password() {
            Some(password) => self.0.replacen(&format!(":{password}@"), ":***@", 1),
            None => self.0.clone(),
        };
        // A password may also come as a query parameter.
        if let Some(at) = shown.find("password=") {
            let end = shown[at..].find('&').map_or(shown.len(), |e| at + e);
            shown.replace_range(at + "password=".len()..end, "***");
        }
        f.write_str(&shown)
    }
}

impl fmt::Debug for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PostgresUrl({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_vars(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn defaults() {
        let c = with(&[]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.db, Database::Sqlite(PathBuf::from("./data/wegwijs.sqlite")));
        assert_eq!(c.dist, PathBuf::from("./dist"));
    }

    #[test]
    fn reads_and_rejects() {
        let c = with(&[("PORT", "9000"), ("WEGWIJS_DB", "/tmp/x.sqlite")]).unwrap();
        assert_eq!(c.addr.port(), 9000);
        assert_eq!(c.db, Database::Sqlite(PathBuf::from("/tmp/x.sqlite")));
        assert!(with(&[("PORT", "eighty")]).unwrap_err().contains("PORT"));
        assert!(with(&[("PORT", "70000")]).is_err());
        assert!(with(&[("WEGWIJS_ADDR", "localhost:1")]).unwrap_err().contains("WEGWIJS_ADDR"));
        let c = with(&[("WEGWIJS_RATE_PER_ADDRESS", "0"), ("WEGWIJS_BEHIND_PROXY", "1")]).unwrap();
        assert_eq!((c.rates.per_address, c.rates.per_space, c.rates.behind_proxy), (0, 240, true));
        assert!(with(&[("WEGWIJS_RATE_PER_SPACE", "lots")]).unwrap_err().contains("WEGWIJS_RATE_PER_SPACE"));
        assert!(with(&[("WEGWIJS_BEHIND_PROXY", "yes")]).is_err());
    }

    #[test]
    fn a_postgres_url_never_shows_its_password() {
        let c = with(&[("WEGWIJS_DB", "postgres://wegwijs:s3cr%21t@db.internal:5433/wegwijs")]).unwrap();
        assert_eq!(c.db.backend(), "postgres");
        assert_eq!(c.db.to_string(), "postgres://wegwijs:***@db.internal:5433/wegwijs");
        assert!(!format!("{:?} {}", c, c.db).contains("s3cr"));
        let Database::Postgres(url) = &c.db else { unreachable!() };
        assert_eq!(url.client_config().unwrap().get_password(), Some(&b"s3cr!t"[..]));

        let q = Database::parse("postgresql://me@localhost/w?password=hunter2&connect_timeout=3").unwrap();
        assert_eq!(q.to_string(), "postgresql://me@localhost/w?password=***&connect_timeout=3");
        assert_eq!(Database::parse("postgres://me@localhost/w").unwrap().to_string(), "postgres://me@localhost/w");

        let err = with(&[("WEGWIJS_DB", "postgres://u:hunter2@localhost:notaport/w")]).unwrap_err();
        assert!(err.contains("WEGWIJS_DB") && !err.contains("hunter2"), "{err}");
        assert_eq!(with(&[("WEGWIJS_DB", "")]).unwrap().db, Database::Sqlite(PathBuf::from(DEFAULT_SQLITE)));
    }
}
