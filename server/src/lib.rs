//! The Wegwijs server: serves the built app (with caching and precompression suited to slow
//! phone connections) and the JSON API under `/api/v1`, on a SQLite store.

pub mod config;
pub mod error;
pub mod static_files;
pub mod store;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{self, HeaderValue};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde::Serialize;
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::Config;
pub use error::AppError;
pub use store::{SqliteStore, Store};

/// The server's version, reported by `/api/v1/health`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
}

/// The whole application: API routes and the built app in `dist`.
pub fn app(state: AppState, dist: PathBuf) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .fallback(api_not_found)
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    Router::new()
        .nest("/api/v1", api)
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .with_state(state)
        .fallback_service(static_files::service(dist))
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    database: &'static str,
}

/// `GET /api/v1/health`: 200 with the version when the database answers, 503 otherwise.
async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || store.ping())
        .await
        .map_err(|e| AppError::Unavailable(format!("health check task failed: {e}")))?
        .map_err(|e| AppError::Unavailable(e.to_string()))?;
    Ok(Json(Health { status: "ok", version: VERSION, database: "ok" }))
}

async fn api_not_found() -> AppError {
    AppError::NotFound
}
