//! Rate limits on the API, per client address and per shared space: token buckets in memory,
//! each refilled at its rate per minute and holding at most ten seconds' worth. An address is
//! used only as a bucket's key, never logged, and forgotten once its bucket is full again.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::connect_info::MockConnectInfo;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Requests per minute allowed per address and per space; 0 turns a limit off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    pub per_address: u32,
    pub per_space: u32,
    /// Whether the server stands behind a proxy that appends the client's address to
    /// `X-Forwarded-For` (Caddy does); otherwise the connection's address counts.
    pub behind_proxy: bool,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets for one kind of key.
struct Buckets {
    per_minute: u32,
    map: Mutex<HashMap<String, Bucket>>,
}

impl Buckets {
    fn new(per_minute: u32) -> Buckets {
        Buckets { per_minute, map: Mutex::new(HashMap::new()) }
    }

    /// Takes one token for `key`; the seconds to wait when there is none.
    fn take(&self, key: &str, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let rate = f64::from(self.per_minute) / 60.0;
        let burst = (rate * 10.0).max(10.0);
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            // Forget the buckets that have refilled: they are the same as new ones.
            map.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = map.entry(key.to_owned()).or_insert(Bucket { tokens: burst, at: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * rate).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / rate).ceil() as u64)
        }
    }
}

/// The limiter the API's middleware holds.
#[derive(Clone)]
pub struct Limiter {
    rates: Rates,
    addresses: Arc<Buckets>,
    spaces: Arc<Buckets>,
}

impl Limiter {
    pub fn new(rates: Rates) -> Limiter {
        Limiter {
            rates,
            addresses: Arc::new(Buckets::new(rates.per_address)),
            spaces: Arc::new(Buckets::new(rates.per_space)),
        }
    }

    fn address(&self, req: &Request) -> Option<String> {
        if self.rates.behind_proxy {
            let forwarded = req.headers().get("x-forwarded-for")?.to_str().ok()?;
            return forwarded.rsplit(',').next().map(|a| a.trim().to_owned());
        }
        let ext = req.extensions();
        let addr = ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
        // Tests stand a mock in for the connection.
        let addr = addr.or_else(|| ext.get::<MockConnectInfo<SocketAddr>>().map(|m| m.0));
        addr.map(|a| a.ip().to_string())
    }
}

/// The space id in an API path, `/spaces/{space}…`.
fn space_of(path: &str) -> Option<&str> {
    let rest = path.split("/spaces/").nth(1)?;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// Middleware: answers 429 with `Retry-After` when either bucket is empty.
pub async fn limit(State(limiter): State<Limiter>, req: Request, next: Next) -> Response {
    let now = Instant::now();
    if let Some(address) = limiter.address(&req) {
        if let Err(retry_after) = limiter.addresses.take(&address, now) {
            return AppError::TooManyRequests { retry_after }.into_response();
        }
    }
    if let Some(space) = space_of(req.uri().path()) {
        if let Err(retry_after) = limiter.spaces.take(space, now) {
            return AppError::TooManyRequests { retry_after }.into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_refills_at_its_rate() {
        let b = Buckets::new(60);
        let t = Instant::now();
        for _ in 0..10 {
            assert_eq!(b.take("a", t), Ok(()));
        }
        assert_eq!(b.take("a", t), Err(1));
        assert_eq!(b.take("other", t), Ok(()), "each key has its own bucket");
        assert_eq!(b.take("a", t + Duration::from_secs(1)), Ok(()));
        assert_eq!(Buckets::new(0).take("a", t), Ok(()), "0 is no limit");
    }

    #[test]
    fn finds_the_space_in_a_path() {
        assert_eq!(space_of("/api/v1/spaces/abc/entries"), Some("abc"));
        assert_eq!(space_of("/api/v1/spaces/abc"), Some("abc"));
        assert_eq!(space_of("/api/v1/health"), None);
    }
}
