//! E-mail addresses: `local@domain.tld`, also written `local(at)domain.tld`, `local [at]
//! domain.tld` or `local (a) domain.tld`, the usual ways of dodging address harvesters, in any
//! case. A bare " at " is not taken: English prose says "at kela.fi" without meaning an address.
//! A space right after the '@' or after a dot before the top-level domain ("matti@ gmail.com",
//! "matti@gmail. com") is what an address cut between two fields looks like joined.

use super::text::Text;
use super::{Finding, FindingKind};

fn local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// The "at" forms: returns the position after the marker if one starts at `i`.
fn at_marker(t: &Text, i: usize) -> Option<usize> {
    if t.at(i) == '@' || t.at(i) == '＠' {
        return Some(i + 1);
    }
    for m in [
        "(at)", "[at]", "{at}", "(a)", "(ät)", "[ät]", " (at) ", " [at] ", " (a) ",
    ] {
        if t.starts_with_ci(i, m) {
            return Some(i + m.chars().count());
        }
    }
    None
}

/// Adds a finding for every e-mail address in `t`.
pub fn detect(t: &Text, out: &mut Vec<Finding>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        let c = t.at(i);
        let marker = match c {
            '@' | '＠' | '(' | '[' | '{' => true,
            ' ' => matches!(t.at(i + 1), '(' | '['),
            _ => false,
        };
        if !marker {
            i += 1;
            continue;
        }
        let Some(after) = at_marker(t, i) else {
            i += 1;
            continue;
        };
        // The " at " form needs a dotted domain right after and a word right before.
        let mut s = i;
        while s > 0 && local_char(t.at(s - 1)) {
            s -= 1;
        }
        while s < i && !t.at(s).is_alphanumeric() {
            s += 1;
        }
        let mut d = after;
        // "matti@ gmail.com", "matti (at) gmail.com": one space after the marker.
        while t.at(d) == ' ' && (t.at(i) != '@' || d == after) && s < i {
            d += 1;
        }
        let ds = d;
        while d < n && domain_char(t.at(d)) {
            d += 1;
        }
        // "gmail. com": a domain cut after a dot (two fields joined with a space), when a
        // top-level domain follows.
        if t.at(d - 1) == '.' && t.at(d) == ' ' && d > ds + 1 {
            let mut e = d + 1;
            while e < n && domain_char(t.at(e)) {
                e += 1;
            }
            while e > d + 1 && matches!(t.at(e - 1), '.' | '-') {
                e -= 1;
            }
            let tld = t.slice(d + 1, e);
            let first = tld.split('.').next().unwrap_or("");
            if (2..=6).contains(&first.chars().count()) && first.chars().all(|c| c.is_alphabetic())
            {
                d = e;
            }
        }
        // Trim trailing dots and hyphens (sentence end).
        while d > ds && matches!(t.at(d - 1), '.' | '-') {
            d -= 1;
        }
        let domain: String = t.slice(ds, d).chars().filter(|c| *c != ' ').collect();
        let ok_domain = match domain.rfind('.') {
            Some(p) => {
                let tld = &domain[p + 1..];
                p > 0 && tld.chars().count() >= 2 && tld.chars().all(|c| c.is_alphabetic())
            }
            None => false,
        };
        if s < i && ok_domain {
            out.push(Finding::new(FindingKind::Email, s, d));
            i = d;
        } else {
            i += 1;
        }
    }
}
