//! `multipart/form-data` bodies: a file (the bulk import of answers) and the text fields sent
//! with it, read whole within [`Config::upload_limit`](crate::Config::upload_limit).
//!
//! The global body limit (`Config::body_limit`, a quarter of a megabyte) is right for forms and
//! JSON but far too small for a survey tool's export. Axum fixes a route's own limit when the
//! router is built, before the configuration is at hand, so upload routes switch axum's limit
//! off ([`upload_route`]) and [`Upload::read`] applies the configured one instead.

use axum::body::Body;
use axum::extract::multipart::MultipartError;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request};
use axum::http::{StatusCode, header};
use axum::routing::MethodRouter;

use crate::AppState;
use crate::error::AppError;

/// A route that takes uploads: the global body limit is lifted, so that [`Upload::read`] can
/// apply `Config::upload_limit`. Every handler behind it must read its body with
/// [`Upload::read`] (directly or through `CsrfMultipart`), which is the only limit it has.
pub fn upload_route(route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    route.layer(DefaultBodyLimit::disable())
}

/// One part of the body.
pub struct Part {
    pub name: String,
    /// The file name the browser sent with a file part (empty when no file was chosen).
    pub filename: Option<String>,
    pub bytes: Vec<u8>,
}

/// A whole `multipart/form-data` body.
pub struct Upload {
    parts: Vec<Part>,
}

impl Upload {
    /// Reads the body of `request`, refusing one that is not multipart (415), malformed (400)
    /// or larger than `limit` bytes (413, as soon as the declared length or the bytes read so
    /// far say so).
    pub async fn read(request: Request, limit: usize) -> Result<Upload, AppError> {
        let headers = request.headers();
        let is_multipart = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !is_multipart {
            return Err(AppError::UnsupportedMediaType);
        }
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > limit) {
            return Err(AppError::TooLarge);
        }
        let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|_| AppError::BadRequest)?;
        let mut parts = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(refused)? {
            let name = field.name().unwrap_or_default().to_owned();
            let filename = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(refused)?.to_vec();
            parts.push(Part {
                name,
                filename,
                bytes,
            });
        }
        Ok(Upload { parts })
    }

    /// A text field's value; empty when absent or not UTF-8.
    pub fn text(&self, name: &str) -> &str {
        self.part(name)
            .and_then(|p| std::str::from_utf8(&p.bytes).ok())
            .unwrap_or_default()
    }

    /// Takes the file sent as `name` out of the body (a file may be large: no copy), unless
    /// none was chosen: browsers then send an empty part without a file name.
    pub fn take_file(&mut self, name: &str) -> Option<Part> {
        let index = self.parts.iter().position(|p| {
            p.name == name
                && (!p.bytes.is_empty() || p.filename.as_deref().is_some_and(|f| !f.is_empty()))
        })?;
        Some(self.parts.swap_remove(index))
    }

    fn part(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.name == name)
    }
}

/// The body broke off: too large (the limit's error, surfaced through the multipart parser) or
/// malformed.
fn refused(error: MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest
    }
}
