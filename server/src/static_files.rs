//! Serves the app built by Trunk: precompressed brotli or gzip files to browsers that accept
//! them, hashed assets cached for a year, everything else revalidated, and `index.html` for any
//! other path without a file extension, so client-side routes can be reloaded and shared.

use std::convert::Infallible;
use std::path::PathBuf;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::util::{BoxCloneSyncService, ServiceExt};
use tower::{service_fn, Service};
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Whether a file name carries Trunk's content hash (`wegwijs-0123456789abcdef_bg.wasm`), so its
/// content can never change under the same name.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split(['-', '_', '.']).any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The service for every path that is not API.
pub fn service(dist: PathBuf) -> BoxCloneSyncService<Request, Response, Infallible> {
    let index = dist.join("index.html");
    let fallback = service_fn(move |req: Request| {
        let index = index.clone();
        async move { Ok::<_, Infallible>(app_shell_or_404(index, req).await) }
    });
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(fallback);
    let service = service_fn(move |req: Request| {
        let mut files = files.clone();
        async move {
            let path = req.uri().path().to_owned();
            let response = files.call(req).await.map(|r| r.map(Body::new)).unwrap_or_else(|e| match e {});
            Ok::<_, Infallible>(with_cache_headers(&path, response))
        }
    });
    BoxCloneSyncService::new(service)
}

async fn app_shell_or_404(index: PathBuf, req: Request) -> Response {
    let last = req.uri().path().rsplit('/').next().unwrap_or("");
    if last.contains('.') || !matches!(*req.method(), Method::GET | Method::HEAD) {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    match ServeFile::new(index).precompressed_br().precompressed_gzip().oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(e) => match e {},
    }
}

fn with_cache_headers(path: &str, mut response: Response) -> Response {
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let policy = if !is_html && is_hashed_asset(path) { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        // The same address answers brotli, gzip or plain bytes: caches must keep them apart.
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_hashed_assets() {
        assert!(is_hashed_asset("/wegwijs-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_hashed_asset("/wegwijs-3f2a9c0d1e4b5a67.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/content/lang/ar.json"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
    }
}
