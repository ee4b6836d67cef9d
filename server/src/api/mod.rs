//! The JSON API under `/api/v1`: health, the OpenAPI document, and sync (in [`sync`]). Its
//! extractors turn every malformed request into the app's JSON error, never axum's plain text.

mod sync;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::store::{SpaceId, TokenHash};
use crate::{AppState, VERSION};

/// The largest request body the API reads.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The OpenAPI document, kept beside the routes; a test checks that they agree.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The API's routes, to nest under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi))
        .route("/spaces/{space}/entries", get(sync::pull).post(sync::push))
        .route("/spaces/{space}", delete(sync::delete_space))
        .fallback(api_not_found)
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    backend: &'static str,
    database: &'static str,
}

/// `GET /api/v1/health`: 200 with the version and the kind of database when it answers, 503
/// otherwise (the reason, with the kind, goes to the log only).
async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let store = state.store.clone();
    let backend = store.backend();
    tokio::task::spawn_blocking(move || store.ping())
        .await
        .map_err(|e| AppError::Unavailable(format!("health check task failed: {e}")))?
        .map_err(|e| AppError::Unavailable(format!("{backend}: {e}")))?;
    Ok(Json(Health { status: "ok", version: VERSION, backend, database: "ok" }))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], OPENAPI)
}

pub(crate) async fn api_not_found() -> AppError {
    AppError::NotFound
}

/// A JSON body whose every rejection is an [`AppError`].
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(AppJson(value)),
            Err(rejection) => Err(json_error(rejection)),
        }
    }
}

fn json_error(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::BadRequest {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "not_json",
            message: "Send the body as JSON, with Content-Type: application/json.".into(),
        },
        JsonRejection::JsonSyntaxError(e) => {
            AppError::bad_request("bad_json", format!("The body is not valid JSON: {}", e.body_text()))
        }
        JsonRejection::JsonDataError(e) => AppError::BadRequest {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "bad_fields",
            message: format!("The JSON does not have the fields this endpoint takes: {}", e.body_text()),
        },
        r if r.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge { limit: BODY_LIMIT },
        r => AppError::bad_request("bad_body", format!("The body could not be read: {}", r.body_text())),
    }
}

/// A query string whose every rejection is an [`AppError`].
pub struct AppQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for AppQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| AppQuery(q.0))
            .map_err(|e: QueryRejection| AppError::bad_request("bad_query", e.body_text()))
    }
}

/// The space id in a request's path, checked.
pub struct Space(pub SpaceId);

impl<S: Send + Sync> FromRequestParts<S> for Space {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let bad =
            || AppError::bad_request("bad_space", "A space id is 22 characters of base64url (A-Z, a-z, 0-9, - and _).");
        let Path(text) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| bad())?;
        SpaceId::parse(&text).map(Space).ok_or_else(bad)
    }
}

/// The hash of the bearer token of a request.
pub struct Token(pub TokenHash);

impl<S: Send + Sync> FromRequestParts<S> for Token {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let missing = AppError::Unauthorized { message: "Send the space's token as Authorization: Bearer <token>." };
        let value = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(missing)?;
        let token = value
            .strip_prefix("Bearer ")
            .filter(|t| t.len() == 43 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let token = token.ok_or(AppError::Unauthorized {
            message: "The token must be 43 characters of base64url after \"Bearer \".",
        })?;
        Ok(Token(TokenHash(Sha256::digest(token.as_bytes()).into())))
    }
}
