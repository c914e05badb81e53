//! Reading the server's frames cheaply: a prefix scan classifies each, and only the `seq` and
//! `req` numbers are parsed, so the load generator spends its CPU on connections, not JSON.

use crate::tally::Global;
use std::sync::atomic::Ordering::Relaxed;
use tokio_tungstenite::tungstenite::Message;

/// A frame, classified by a prefix scan.
pub enum In {
    /// An event, with its seq.
    Event(u64),
    /// A snapshot, with its seq.
    Snapshot(u64),
    /// An ack, with the request it answers and the seq of the event it produced.
    Ack { req: Option<u64>, seq: Option<u64> },
    /// The answer to `join`.
    Joined,
    /// The answer to `hello`.
    Welcome,
    /// An `error` frame (its start, for the problem list).
    Error(String),
    /// Anything else (`pong`, binary frames).
    Other,
    /// The connection ended, and how.
    Closed(String),
}

/// The number right after `key` in `text` (`"seq":` → 12).
fn number_after(text: &str, key: &str) -> Option<u64> {
    let at = text.find(key)? + key.len();
    let digits = text[at..]
        .bytes()
        .take_while(|b| b.is_ascii_digit())
        .count();
    text[at..at + digits].parse().ok()
}

/// Classifies one read (counting text frames and bytes); `Closed` when the connection ended.
pub fn classify(
    g: &Global,
    msg: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
) -> In {
    let text = match msg {
        None => return In::Closed("stream ended".into()),
        Some(Err(e)) => return In::Closed(format!("read error: {e}")),
        Some(Ok(Message::Text(t))) => t,
        Some(Ok(Message::Close(f))) => return In::Closed(format!("close frame {f:?}")),
        Some(Ok(_)) => return In::Other,
    };
    g.frames.fetch_add(1, Relaxed);
    g.bytes.fetch_add(text.len() as u64, Relaxed);
    let t = text.as_str();
    if t.starts_with(r#"{"type":"event""#) {
        match number_after(t, r#""seq":"#) {
            Some(s) => In::Event(s),
            None => In::Error(format!("event without seq: {}", &t[..t.len().min(200)])),
        }
    } else if t.starts_with(r#"{"type":"ack""#) {
        In::Ack {
            req: number_after(t, r#""req":"#),
            seq: number_after(t, r#""seq":"#),
        }
    } else if t.starts_with(r#"{"type":"snapshot""#) {
        In::Snapshot(number_after(t, r#""seq":"#).unwrap_or(0))
    } else if t.starts_with(r#"{"type":"joined""#) {
        In::Joined
    } else if t.starts_with(r#"{"type":"welcome""#) {
        In::Welcome
    } else if t.starts_with(r#"{"type":"error""#) {
        In::Error(t[..t.len().min(300)].to_owned())
    } else {
        In::Other
    }
}
