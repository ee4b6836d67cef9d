//! The one error type of the HTTP layer: a clear JSON body for the client, the internals only
//! in the log. Every error a client can cause is a 4xx; only a failing dependency is a 5xx.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use wegwijs_model::sync::wire::Refusal;

use crate::store::StoreError;

/// An error answered to a client.
#[derive(Debug)]
pub enum AppError {
    /// No such API route.
    NotFound,
    /// No such shared space: never created.
    SpaceNotFound,
    /// The shared space was deleted (by either phone).
    SpaceGone,
    /// The request is malformed: `code` names the problem, `message` says how to fix it.
    BadRequest { status: StatusCode, code: &'static str, message: String },
    /// No token, or not the space's token.
    Unauthorized { message: &'static str },
    /// The body is larger than the API accepts.
    PayloadTooLarge { limit: usize },
    /// Too many requests from one address or for one space; retry after `retry_after` seconds.
    TooManyRequests { retry_after: u64 },
    /// A push breaks a protocol rule; `now_ms` is the server's clock, for a phone to correct its
    /// own.
    Refused { refusal: Refusal, now_ms: u64 },
    /// A dependency (the database) is not working; the text is logged, never sent.
    Unavailable(String),
}

impl AppError {
    /// A 400 with a code and a message.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::BadRequest { status: StatusCode::BAD_REQUEST, code, message: message.into() }
    }

    /// The error for a failed store call made at the server's time `now_ms`.
    pub fn from_store(e: StoreError, now_ms: u64) -> AppError {
        match e {
            StoreError::NotFound => AppError::SpaceNotFound,
            StoreError::Gone => AppError::SpaceGone,
            StoreError::Forbidden => AppError::Unauthorized { message: "The token is not this space's token." },
            StoreError::Refused(refusal) => AppError::Refused { refusal, now_ms },
            StoreError::Internal(why) => AppError::Unavailable(why),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message, extra) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "There is no such API endpoint.".into(), None),
            AppError::SpaceNotFound => (
                StatusCode::NOT_FOUND,
                "no_space",
                "There is no such shared space: nothing was shared in it yet.".into(),
                None,
            ),
            AppError::SpaceGone => (
                StatusCode::GONE,
                "space_deleted",
                "This shared space was deleted: the sharing has ended. Each phone keeps its own copy.".into(),
                None,
            ),
            AppError::BadRequest { status, code, message } => (status, code, message, None),
            AppError::Unauthorized { message } => (StatusCode::UNAUTHORIZED, "unauthorized", message.into(), None),
            AppError::PayloadTooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("The request body is larger than {} KB: push fewer entries at a time.", limit / 1024),
                None,
            ),
            AppError::TooManyRequests { retry_after } => {
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(json!({ "error": "too_many_requests", "message": format!("Too many requests: try again in {retry_after} s.") })),
                )
                    .into_response();
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                return response;
            }
            AppError::Refused { refusal, now_ms } => {
                let status = match refusal {
                    Refusal::EntryTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                    Refusal::TooManyEntries => StatusCode::CONFLICT,
                    _ => StatusCode::BAD_REQUEST,
                };
                (status, refusal.code(), refusal.to_string(), Some(now_ms))
            }
            AppError::Unavailable(internal) => {
                tracing::error!(error = %internal, "service unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The service is temporarily unavailable. Try again later.".into(),
                    None,
                )
            }
        };
        let body = match extra {
            Some(now_ms) => json!({ "error": code, "message": message, "now_ms": now_ms }),
            None => json!({ "error": code, "message": message }),
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
