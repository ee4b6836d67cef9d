//! Starts the Wegwijs server: `PORT`, `WEGWIJS_DB`, `WEGWIJS_DIST`, `WEGWIJS_ADDR` and the rate
//! settings of [`wegwijs_server::Config`] configure it.
//!
//! `wegwijs-server migrate FROM TO` copies every space from one database to another, empty one
//! (each a SQLite file or a `postgres://` URL), and exits.

use std::io::IsTerminal;
use std::process::ExitCode;

use std::net::SocketAddr;
use tracing_subscriber::EnvFilter;

use wegwijs_server::config::Database;
use wegwijs_server::{app_with, store, AppState, Config};

#[tokio::main]
async fn main() -> ExitCode {
    // Colour codes only on a terminal: journald and container logs get plain lines.
    tracing_subscriber::fmt()
        .with_ansi(std::io::stdout().is_terminal())
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let done = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => run().await,
        ["migrate", from, to] => tokio::task::spawn_blocking({
            let (from, to) = (from.to_owned(), to.to_owned());
            move || migrate(&from, &to)
        })
        .await
        .unwrap_or_else(|e| Err(format!("the copy stopped: {e}"))),
        _ => Err(USAGE.into()),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wegwijs-server: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: wegwijs-server             serve the app (settings from the environment)
       wegwijs-server migrate FROM TO   copy every space from database FROM into the empty database TO
                                        (each a SQLite file path or a postgres:// URL)";

/// Copies one database into another; the servers on `from` should be stopped first.
fn migrate(from: &str, to: &str) -> Result<(), String> {
    let (from, to) = (Database::parse(from)?, Database::parse(to)?);
    if from == to {
        return Err(format!("FROM and TO are the same database: {from}"));
    }
    if let Database::Sqlite(path) = &from {
        if !path.is_file() {
            return Err(format!("no SQLite database at {}", path.display()));
        }
    }
    let source = store::open(&from).map_err(|e| e.to_string())?;
    let target = store::open(&to).map_err(|e| e.to_string())?;
    let copied = store::copy_all(source.as_ref(), target.as_ref()).map_err(|e| format!("{to}: {e}"))?;
    println!(
        "copied {} spaces with {} entries and {} deleted spaces from {from} to {to}; the target holds the same",
        copied.spaces, copied.entries, copied.deleted
    );
    Ok(())
}

async fn run() -> Result<(), String> {
    let config = Config::from_vars(|name| std::env::var(name).ok())?;
    if !config.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app at {}: run `make run`, or set WEGWIJS_DIST to the folder Trunk built",
            config.dist.join("index.html").display()
        ));
    }
    // Opening blocks (PostgreSQL's client has a runtime of its own): not on the async threads.
    let db = config.db.clone();
    let store = tokio::task::spawn_blocking(move || store::open(&db))
        .await
        .map_err(|e| format!("opening the database stopped: {e}"))?
        .map_err(|e| e.to_string())?;
    let state = AppState { store };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%addr, db = %config.db, dist = %config.dist.display(), "Wegwijs is at http://{addr}");
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
