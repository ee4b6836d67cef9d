//! Starts the Wegwijs server: `PORT`, `WEGWIJS_DB`, `WEGWIJS_DIST`, `WEGWIJS_ADDR` and the rate
//! settings of [`wegwijs_server::Config`] configure it.

use std::process::ExitCode;
use std::sync::Arc;

use std::net::SocketAddr;
use tracing_subscriber::EnvFilter;

use wegwijs_server::{app_with, AppState, Config, SqliteStore};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wegwijs-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_vars(|name| std::env::var(name).ok())?;
    if !config.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app at {}: run `make run`, or set WEGWIJS_DIST to the folder Trunk built",
            config.dist.join("index.html").display()
        ));
    }
    let store = SqliteStore::open(&config.db).map_err(|e| e.to_string())?;
    let state = AppState { store: Arc::new(store) };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%addr, db = %config.db.display(), dist = %config.dist.display(), "Wegwijs is at http://{addr}");
    // The connection's address reaches the rate limiter only; no log line holds it.
    let service = app_with(state, config.dist, config.rates).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(stopped()).await.map_err(|e| format!("server stopped: {e}"))
}

/// Ctrl+C, or SIGTERM (what systemd and container runtimes send to stop a service): requests in
/// flight are answered before the process ends. A push never half lands either way: each is one
/// transaction, and only a committed one is acknowledged.
async fn stopped() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("stopping: answering the requests in flight");
}
