//! The Wegwijs server: serves the built app (with caching and precompression suited to slow
//! phone connections) and the JSON API under `/api/v1` (health, sync of end-to-end encrypted
//! shared spaces), on SQLite or PostgreSQL, with security headers on every response and a request
//! log that never holds a client address, a token or a space id.

pub mod api;
pub mod config;
pub mod error;
pub mod headers;
pub mod limits;
pub mod static_files;
pub mod store;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::header::{self, HeaderValue};
use axum::routing::any;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use config::Config;
pub use error::AppError;
pub use limits::Rates;
pub use store::{PostgresStore, SqliteStore, Store};

/// The server's version, reported by `/api/v1/health`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
}

/// The rates a server uses when none are configured.
pub const DEFAULT_RATES: Rates = Rates { per_address: 600, per_space: 240, behind_proxy: false };

/// The whole application with the default rate limits.
pub fn app(state: AppState, dist: PathBuf) -> Router {
    app_with(state, dist, DEFAULT_RATES)
}

/// The whole application: API routes and the built app in `dist`.
pub fn app_with(state: AppState, dist: PathBuf, rates: Rates) -> Router {
    let api = api::router()
        .layer(axum::middleware::from_fn_with_state(limits::Limiter::new(rates), limits::limit))
        .layer(DefaultBodyLimit::max(api::BODY_LIMIT))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    let router = Router::new()
        .nest("/api/v1", api)
        .route("/api", any(api::api_not_found))
        .route("/api/{*rest}", any(api::api_not_found))
        .with_state(state)
        .fallback_service(static_files::service(dist.clone()))
        .layer(
            // The route's pattern, never the path: a path holds a space id.
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let route = req.extensions().get::<MatchedPath>().map_or("(app files)", |p| p.as_str());
                    tracing::info_span!("request", method = %req.method(), route = %route)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        );
    headers::secure(router, &dist)
}
