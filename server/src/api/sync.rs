//! Push, pull and delete of a shared space. The handlers only check the request's form, take
//! the server's time, and run the store call on the blocking pool; the store keeps the rules.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use wegwijs_model::sync::wire::{PullResponse, PushRequest, PushResponse};
use wegwijs_model::sync::PULL_LIMIT;

use super::{AppJson, AppQuery, Space, Token};
use crate::error::AppError;
use crate::AppState;

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// Runs a store call on the blocking pool, so a slow disk never stalls the runtime.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    now_ms: u64,
    call: impl FnOnce(&dyn crate::Store) -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Result<T, AppError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || call(store.as_ref()))
        .await
        .map_err(|e| AppError::Unavailable(format!("store task failed: {e}")))?
        .map_err(|e| AppError::from_store(e, now_ms))
}

/// `POST /api/v1/spaces/{space}/entries`: stores the entries whose stamps are later than the
/// ones held, creating the space with this token when it is new.
pub async fn push(
    State(state): State<AppState>,
    Space(space): Space,
    Token(token): Token,
    AppJson(body): AppJson<PushRequest>,
) -> Result<Json<PushResponse>, AppError> {
    let now = now_ms();
    let seq = blocking(&state, now, move |store| store.push(&space, &token, &body.entries, now)).await?;
    Ok(Json(PushResponse { seq, now_ms: now }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    #[serde(default)]
    after: u64,
    limit: Option<usize>,
}

/// `GET /api/v1/spaces/{space}/entries?after=N&limit=M`: the changes after sequence number N.
pub async fn pull(
    State(state): State<AppState>,
    Space(space): Space,
    Token(token): Token,
    AppQuery(query): AppQuery<PullQuery>,
) -> Result<Json<PullResponse>, AppError> {
    let now = now_ms();
    let limit = query.limit.unwrap_or(PULL_LIMIT);
    let page = blocking(&state, now, move |store| store.pull(&space, &token, query.after, limit)).await?;
    Ok(Json(PullResponse { entries: page.entries, next: page.next, more: page.more, now_ms: now }))
}

/// `DELETE /api/v1/spaces/{space}`: deletes the space and everything in it.
pub async fn delete_space(
    State(state): State<AppState>,
    Space(space): Space,
    Token(token): Token,
) -> Result<StatusCode, AppError> {
    blocking(&state, now_ms(), move |store| store.delete(&space, &token)).await?;
    Ok(StatusCode::NO_CONTENT)
}
