//! Before a room socket exists: `GET /ws/{meeting}` checks the page's origin (a foreign one
//! gets 403, [`origin_allowed`]) and the address's open sockets (over the limit: upgraded only
//! to say `limit_reached` and close, [`crate::limits`]), then upgrades with buffer sizes chosen
//! for many idle connections and hands the socket to [`super::serve_with`].

use super::connection::{serve_with, ConnOptions};
use super::frames::{
    close, error, send, READ_BUFFER, TRANSPORT_MAX_MESSAGE, WRITE_BUFFER_MAX, WRITE_COALESCE,
};
use super::outbox::Outbox;
use crate::AppState;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use shared::ids::MeetingId;
use shared::protocol::ErrorCode;
use std::net::SocketAddr;
use std::time::Duration;

/// `GET /ws/{meeting_id}`: checks the page's origin and the address's sockets, then upgrades
/// with buffer sizes chosen for many idle connections.
pub async fn upgrade(
    ws: WebSocketUpgrade,
    Path(meeting): Path<String>,
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !origin_allowed(
        &headers,
        &app.config.public_url,
        &app.config.allowed_origins,
    ) {
        tracing::info!("room socket refused: the page's origin is not this server's");
        return forbidden_origin();
    }
    let ip = app.gates.client_address(peer, &headers);
    let slot = app.gates.open_socket(ip);
    let ws = ws
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_COALESCE)
        .max_write_buffer_size(WRITE_BUFFER_MAX)
        .max_message_size(TRANSPORT_MAX_MESSAGE)
        .max_frame_size(TRANSPORT_MAX_MESSAGE);
    let Some(slot) = slot else {
        // Upgraded only to say why in the protocol, which a browser can show (an HTTP error
        // before the upgrade reaches a page as a bare "connection failed").
        tracing::info!("room socket refused: connection limit of the address");
        let limit = app.gates.limits.connections_per_address;
        return ws.on_upgrade(move |socket| refuse_socket(socket, limit));
    };
    let options = ConnOptions {
        hello_timeout: app.gates.limits.hello_timeout,
        ..ConnOptions::default()
    };
    ws.on_upgrade(move |socket: WebSocket| async move {
        let _slot = slot;
        let (sink, stream) = socket.split();
        serve_with(
            app.rooms.clone(),
            MeetingId(meeting),
            sink,
            stream,
            app.shutdown.clone(),
            options,
        )
        .await;
    })
}

/// 403 for a page whose origin may not open room sockets.
fn forbidden_origin() -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::Json(serde_json::json!({"error": {
            "code": "forbidden_origin",
            "message": "pages from this origin may not open a meeting connection; open the \
                        meeting from the server's own address, or ask its administrator to \
                        allow the origin (--allowed-origin)",
        }})),
    )
        .into_response()
}

/// Tells a socket over its address's limit why (`limit_reached`), closes it with 1013 (try
/// again later), and waits briefly for the client's close so the reason is not lost.
async fn refuse_socket(socket: WebSocket, limit: usize) {
    let (sink, mut stream) = socket.split();
    let out = Outbox::new(sink, 4);
    let message = format!(
        "at most {limit} connections from one address are open at a time; close another tab \
         or try again later"
    );
    if error(&out, None, ErrorCode::LimitReached, message)
        .await
        .is_ok()
    {
        let _ = send(&out, close(1013, "too many connections from this address")).await;
        let _ = tokio::time::timeout(Duration::from_secs(2), async {
            while let Some(Ok(_)) = stream.next().await {}
        })
        .await;
    }
}

/// Whether a room socket may be opened with these request headers. Browsers say which page
/// opens a socket (`Origin`) and do not stop a page of another site from opening one, so the
/// server does: the server's own origin (the request's `Host`, or `public_url`) and the
/// configured `allowed` origins may; any other, `null` included, may not. A request without
/// `Origin` does not come from a page in a browser (the e2e and load clients, tools) and is let
/// through: the key in `hello` is what protects a meeting.
pub fn origin_allowed(headers: &HeaderMap, public_url: &str, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some((scheme, authority)) = origin.to_str().ok().and_then(normalize_origin) else {
        return false;
    };
    let own_host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase());
    if own_host.is_some_and(|h| without_default_port(&scheme, &h) == authority) {
        return true;
    }
    std::iter::once(public_url)
        .chain(allowed.iter().map(String::as_str))
        .filter_map(normalize_origin)
        .any(|(s, a)| s == scheme && a == authority)
}

/// `(scheme, host[:port])` of an origin or URL, lower case, without a default port or path.
fn normalize_origin(text: &str) -> Option<(String, String)> {
    let text = text.trim().to_ascii_lowercase();
    let (scheme, rest) = text.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some((scheme.to_owned(), without_default_port(scheme, authority)))
}

fn without_default_port(scheme: &str, authority: &str) -> String {
    let default = if scheme == "https" { ":443" } else { ":80" };
    authority
        .strip_suffix(default)
        .unwrap_or(authority)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, host.parse().unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, o.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_own_origin_and_the_allowed_ones_open_room_sockets() {
        let public = "https://ppt.example.fi/";
        let allowed = vec!["https://Intra.Example.fi:443".to_owned()];
        let ok = |origin: Option<&str>, host: &str| {
            origin_allowed(&headers(origin, host), public, &allowed)
        };
        // No Origin: not a page in a browser.
        assert!(ok(None, "127.0.0.1:8080"));
        // The server's own origin, by its Host or its public URL.
        assert!(ok(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"));
        assert!(ok(Some("https://ppt.example.fi"), "127.0.0.1:8080"));
        assert!(ok(Some("https://PPT.example.fi:443"), "ppt.example.fi"));
        // One given with --allowed-origin.
        assert!(ok(Some("https://intra.example.fi"), "127.0.0.1:8080"));
        // Anything else.
        for foreign in [
            "https://evil.example",
            "http://ppt.example.fi",
            "https://ppt.example.fi.evil.example",
            "http://127.0.0.1:8081",
            "null",
            "file://",
            "https://user@ppt.example.fi",
        ] {
            assert!(!ok(Some(foreign), "127.0.0.1:8080"), "{foreign}");
        }
    }
}
