//! Configuration from the environment, with defaults that run the app locally.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use crate::limits::Rates;

/// Where to listen, where the database lives, and where the built app is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `WEGWIJS_ADDR` (default 127.0.0.1) and `PORT` (default 8080).
    pub addr: SocketAddr,
    /// `WEGWIJS_DB` (default `./data/wegwijs.sqlite`); created with its folder when missing.
    pub db: PathBuf,
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
            db: path("WEGWIJS_DB", "./data/wegwijs.sqlite"),
            dist: path("WEGWIJS_DIST", "./dist"),
            rates: Rates {
                per_address: rate("WEGWIJS_RATE_PER_ADDRESS", defaults.per_address)?,
                per_space: rate("WEGWIJS_RATE_PER_SPACE", defaults.per_space)?,
                behind_proxy,
            },
        })
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
        assert_eq!(c.db, PathBuf::from("./data/wegwijs.sqlite"));
        assert_eq!(c.dist, PathBuf::from("./dist"));
    }

    #[test]
    fn reads_and_rejects() {
        let c = with(&[("PORT", "9000"), ("WEGWIJS_DB", "/tmp/x.sqlite")]).unwrap();
        assert_eq!(c.addr.port(), 9000);
        assert_eq!(c.db, PathBuf::from("/tmp/x.sqlite"));
        assert!(with(&[("PORT", "eighty")]).unwrap_err().contains("PORT"));
        assert!(with(&[("PORT", "70000")]).is_err());
        assert!(with(&[("WEGWIJS_ADDR", "localhost:1")]).unwrap_err().contains("WEGWIJS_ADDR"));
        let c = with(&[("WEGWIJS_RATE_PER_ADDRESS", "0"), ("WEGWIJS_BEHIND_PROXY", "1")]).unwrap();
        assert_eq!((c.rates.per_address, c.rates.per_space, c.rates.behind_proxy), (0, 240, true));
        assert!(with(&[("WEGWIJS_RATE_PER_SPACE", "lots")]).unwrap_err().contains("WEGWIJS_RATE_PER_SPACE"));
        assert!(with(&[("WEGWIJS_BEHIND_PROXY", "yes")]).is_err());
    }
}
