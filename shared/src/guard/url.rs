//! Links and handles that point at a person: profile links on social media
//! ("facebook.com/matti.virtanen", "https://www.instagram.com/mattiv/", "linkedin.com/in/…",
//! "wa.me/358401234567"), personal pages ("/~matti", "/user/…", "/profile/…"), and handles
//! ("@matti_v", "IG: matti.virtanen").
//!
//! Links to organisations and services ("kela.fi", "https://www.hel.fi/fi/sosiaali-ja-terveyspalvelut")
//! pass: they identify nobody. Links are compared in any case ("FACEBOOK.COM/MATTI.V"), and a
//! link cut after a slash or a dot and joined with a space ("facebook.com/ matti.v") is read
//! whole.

use super::text::Text;
use super::{Finding, FindingKind};

/// Hosts whose paths name a person.
const SOCIAL: &[&str] = &[
    "facebook.com",
    "fb.com",
    "fb.me",
    "m.facebook.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "fi.linkedin.com",
    "tiktok.com",
    "youtube.com",
    "t.me",
    "telegram.me",
    "vk.com",
    "snapchat.com",
    "threads.net",
    "bsky.app",
    "reddit.com",
    "github.com",
    "onlyfans.com",
    "pinterest.com",
    "tumblr.com",
    "wa.me",
    "discord.gg",
    "discord.com",
    "patreon.com",
    "twitch.tv",
    "vimeo.com",
    "soundcloud.com",
    "medium.com",
    "mastodon.social",
    "some.fi",
    "suomi24.fi",
    "jodel.com",
    "tinder.com",
    "spotify.com",
];

/// Path parts that mark a personal page on any host.
const PERSONAL_PATHS: &[&str] = &[
    "/~", "/user/", "/users/", "/u/", "/profile", "/people/", "/@", "/henkilo", "/in/", "/member",
];

/// Cue words for a bare handle ("IG: matti.v").
const HANDLE_CUES: &[&str] = &[
    "ig",
    "insta",
    "instagram",
    "snap",
    "snapchat",
    "tiktok",
    "telegram",
    "twitter",
    "facebook",
    "fb",
    "discord",
    "kik",
    "wickr",
    "threads",
    "x",
    "bluesky",
    "github",
    "steam",
    "xbox",
    "psn",
];

fn url_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '<' | '>' | '\'' | '`' | '\0')
}

/// Adds a finding for every personal link or handle in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    links(t, out);
    handles(t, out);
}

fn links(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !(t.left_boundary(i) && t.at(i).is_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut raw = i;
        let mut linky = false;
        while raw < n && url_char(t.at(raw)) {
            let c = t.at(raw);
            linky |= c == '/' || c == '.' && t.at(raw + 1).is_alphanumeric();
            raw += 1;
        }
        // A link has a dot inside its host or a slash; cut after its dot, the rest after the
        // space has the slash ("instagram. com/x").
        let cut_after_dot = t.before(raw) == '.'
            && t.at(raw) == ' '
            && (raw + 1..n)
                .take_while(|&k| url_char(t.at(k)))
                .any(|k| t.at(k) == '/');
        if !(linky || cut_after_dot) {
            i = raw.max(i + 1);
            continue;
        }
        // "facebook.com/ matti.v", "twitter. com/anna": a link cut after a slash or a dot (two
        // fields joined with a space) is read on across the space when that makes it personal.
        if matches!(t.before(raw), '/' | '.') && t.at(raw) == ' ' && url_char(t.at(raw + 1)) {
            let mut e2 = raw + 1;
            while e2 < n && url_char(t.at(e2)) {
                e2 += 1;
            }
            let e2 = trim_end(t, raw + 1, e2);
            let joined: String = t.lower(i, e2).chars().filter(|c| *c != ' ').collect();
            if personal_link(&joined) == Some(true) {
                out.push(Finding::new(FindingKind::UrlPersonal, i, e2));
                i = e2;
                continue;
            }
        }
        let e = trim_end(t, i, raw);
        if personal_link(&t.lower(i, e)) == Some(true) {
            out.push(Finding::new(FindingKind::UrlPersonal, i, e));
        }
        i = e.max(i + 1);
    }
}

/// `e` with the sentence's punctuation after a link taken off.
fn trim_end(t: &Text, i: usize, mut e: usize) -> usize {
    while e > i && matches!(t.at(e - 1), '.' | ',' | ')' | ';' | ':' | '!' | '?') {
        e -= 1;
    }
    e
}

/// Whether `word` (lower case) is a link (`Some`), and whether it points at a person.
fn personal_link(word: &str) -> Option<bool> {
    let rest = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))
        .unwrap_or(word);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = match rest.find('/') {
        Some(p) => (&rest[..p], &rest[p..]),
        None => (rest, ""),
    };
    let is_url = word.starts_with("http")
        || word.starts_with("www.")
        || (host.contains('.') && !path.is_empty());
    let host_ok = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if !(is_url && host_ok) {
        return None;
    }
    let social = SOCIAL
        .iter()
        .any(|s| host == *s || host.strip_suffix(s).is_some_and(|h| h.ends_with('.')));
    let personal_path = PERSONAL_PATHS.iter().any(|p| path.contains(p));
    let meaningful = path.trim_matches('/').len() >= 2;
    Some(social && meaningful || personal_path)
}

fn handle_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn handles(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    for i in 0..n {
        if t.at(i) != '@' {
            continue;
        }
        // An e-mail's '@' has a word right before it.
        if t.before(i).is_alphanumeric() || matches!(t.before(i), '.' | '_' | '-' | '+') {
            continue;
        }
        let mut e = i + 1;
        while e < n && handle_char(t.at(e)) {
            e += 1;
        }
        while e > i + 1 && t.at(e - 1) == '.' {
            e -= 1;
        }
        let len = e - i - 1;
        if (2..=30).contains(&len) && (i + 1..e).any(|k| t.at(k).is_alphabetic()) {
            out.push(Finding::new(FindingKind::UrlPersonal, i, e));
        }
    }
    // "IG: matti.v", "snap: mattiv"
    let toks = &t.tokens;
    for (k, tok) in toks.iter().enumerate().take(toks.len().saturating_sub(1)) {
        let w = t.token_lower(k);
        if !HANDLE_CUES.contains(&w) {
            continue;
        }
        let after = tok.end;
        if t.at(after) != ':' {
            continue;
        }
        let mut s = after + 1;
        while t.at(s) == ' ' {
            s += 1;
        }
        if t.at(s) == '@' {
            continue; // handled above
        }
        let mut e = s;
        while e < n && handle_char(t.at(e)) {
            e += 1;
        }
        while e > s && t.at(e - 1) == '.' {
            e -= 1;
        }
        if e - s >= 3 && (s..e).any(|k| t.at(k).is_alphabetic()) {
            out.push(Finding::new(FindingKind::UrlPersonal, s, e));
        }
    }
}
