//! The one error type of the HTTP layer: a clear JSON body for the client, the internals only
//! in the log.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answered to a client.
#[derive(Debug)]
pub enum AppError {
    /// No such API route or resource.
    NotFound,
    /// A dependency (the database) is not working; the text is logged, never sent.
    Unavailable(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "There is no such API endpoint."),
            AppError::Unavailable(internal) => {
                tracing::error!(error = %internal, "service unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The service is temporarily unavailable. Try again later.",
                )
            }
        };
        (status, Json(json!({ "error": code, "message": message }))).into_response()
    }
}
