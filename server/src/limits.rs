//! The server's own limits, in one place: connections per meeting and per address, how long a
//! socket may stay silent before `hello`, and how hard `/api/guard/check` may be pushed. The
//! limits of a meeting's content (items, participants, text) are pure rules in
//! `shared::room::limits` (`MAX_QUEUED_ITEMS` and the rest), so the browser and the server agree
//! on them.
//!
//! A limit reached is refused with a clear error (`limit_reached` on the WebSocket, 429 on
//! HTTP) and changes nothing. The defaults are far above what a monthly meeting of about 20
//! professionals uses, and low enough that one person with a link, or one machine, cannot lock
//! everybody else out or starve the rooms.
//!
//! Addresses: behind a reverse proxy every connection comes from the proxy. Connections from
//! the machine itself (a loopback address: a proxy on the same host, local tools) are not
//! limited per address, since the limit could not tell people apart there; with
//! `--trust-forwarded-for` the client's address is the last `X-Forwarded-For` entry (the one
//! the proxy added), and the limit applies to it.

use axum::http::HeaderMap;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The server's limits (the numbers; [`Gates`] keeps the counts).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Open room sockets per meeting with the participant link. About 20 people with a meeting
    /// tab and sometimes a second device or the shared screen are 40–60; 150 leaves room
    /// while bounding what one meeting costs. Chair-link sockets get
    /// [`Limits::chair_connection_reserve`] more, so a flood never keeps the chair out.
    pub connections_per_meeting: usize,
    /// Extra sockets for the chair link beyond [`Limits::connections_per_meeting`].
    pub chair_connection_reserve: usize,
    /// Open sockets from one address, across meetings. A county's office network often
    /// reaches the server through one NAT address: 20 people with two tabs are 40, two
    /// centres meeting at once 80; 100 still stops one machine from holding thousands.
    pub connections_per_address: usize,
    /// A socket that has not sent `hello` by then is closed: it holds a file descriptor and
    /// memory while doing nothing. A browser sends `hello` as soon as the socket opens.
    pub hello_timeout: Duration,
    /// `/api/guard/check` calls per second one address may make on average, and in a burst. A
    /// person checking names as they type makes a few a second at most.
    pub guard_checks_per_second: u32,
    pub guard_check_burst: u32,
    /// Guard checks of `/api/guard/check` running at once (each on a blocking thread): a flood
    /// queues here instead of taking every core from the rooms.
    pub guard_workers: usize,
    /// How long a guard check waits for a free worker before it is refused (429).
    pub guard_queue_wait: Duration,
    /// Whether the client's address is the last `X-Forwarded-For` entry (a reverse proxy in
    /// front adds it) rather than the socket's peer.
    pub trust_forwarded_for: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections_per_meeting: 150,
            chair_connection_reserve: 10,
            connections_per_address: 100,
            hello_timeout: Duration::from_secs(10),
            guard_checks_per_second: 5,
            guard_check_burst: 20,
            guard_workers: 2,
            guard_queue_wait: Duration::from_secs(5),
            trust_forwarded_for: false,
        }
    }
}

/// The counts behind the limits, shared by every handler.
pub struct Gates {
    pub limits: Limits,
    /// Open room sockets per client address.
    sockets: Mutex<HashMap<IpAddr, usize>>,
    /// `/api/guard/check` calls per client address.
    guard_rate: DefaultKeyedRateLimiter<IpAddr>,
    /// The fixed pool `/api/guard/check` runs its checks on.
    pub guard_pool: Arc<Semaphore>,
}

/// A room socket's place in its address's count; given back when dropped.
pub struct SocketSlot {
    gates: Arc<Gates>,
    ip: Option<IpAddr>,
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        let Some(ip) = self.ip else { return };
        let mut sockets = self.gates.sockets.lock().expect("socket counts");
        if let Some(n) = sockets.get_mut(&ip) {
            *n -= 1;
            if *n == 0 {
                sockets.remove(&ip);
            }
        }
    }
}

impl Gates {
    pub fn new(limits: Limits) -> Arc<Gates> {
        let per_second = NonZeroU32::new(limits.guard_checks_per_second.max(1)).expect("> 0");
        let burst = NonZeroU32::new(limits.guard_check_burst.max(1)).expect("> 0");
        Arc::new(Gates {
            guard_rate: governor::RateLimiter::keyed(
                Quota::per_second(per_second).allow_burst(burst),
            ),
            guard_pool: Arc::new(Semaphore::new(limits.guard_workers.max(1))),
            sockets: Mutex::new(HashMap::new()),
            limits,
        })
    }

    /// The address a request counts against: the peer, or with `--trust-forwarded-for` the
    /// last `X-Forwarded-For` entry. `None` for the machine itself (not limited per address).
    pub fn client_address(&self, peer: SocketAddr, headers: &HeaderMap) -> Option<IpAddr> {
        let mut ip = peer.ip();
        if self.limits.trust_forwarded_for {
            if let Some(last) = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back()
            {
                ip = last;
            }
        }
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 => v4,
        };
        (!ip.is_loopback()).then_some(ip)
    }

    /// Takes a room socket's place in its address's count, or `None` when the address has
    /// [`Limits::connections_per_address`] open already.
    pub fn open_socket(self: &Arc<Self>, ip: Option<IpAddr>) -> Option<SocketSlot> {
        if let Some(ip) = ip {
            let mut sockets = self.sockets.lock().expect("socket counts");
            let n = sockets.entry(ip).or_default();
            if *n >= self.limits.connections_per_address {
                return None;
            }
            *n += 1;
        }
        Some(SocketSlot {
            gates: self.clone(),
            ip,
        })
    }

    /// Whether one more `/api/guard/check` from `ip` is within its rate.
    pub fn guard_check_allowed(&self, ip: Option<IpAddr>) -> bool {
        let Some(ip) = ip else { return true };
        // Forget addresses that have been quiet long enough to be back at a full burst, so the
        // table does not grow with every address ever seen.
        if self.guard_rate.len() > 10_000 {
            self.guard_rate.retain_recent();
        }
        self.guard_rate.check_key(&ip).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(ip: &str) -> SocketAddr {
        SocketAddr::new(ip.parse().unwrap(), 40000)
    }

    #[test]
    fn sockets_per_address_are_counted_and_given_back() {
        let gates = Gates::new(Limits {
            connections_per_address: 2,
            ..Limits::default()
        });
        let ip = gates.client_address(peer("203.0.113.5"), &HeaderMap::new());
        let a = gates.open_socket(ip).unwrap();
        let _b = gates.open_socket(ip).unwrap();
        assert!(gates.open_socket(ip).is_none(), "the third is refused");
        let other = gates.client_address(peer("203.0.113.6"), &HeaderMap::new());
        assert!(gates.open_socket(other).is_some(), "another address is not");
        drop(a);
        assert!(
            gates.open_socket(ip).is_some(),
            "a closed socket frees its place"
        );
    }

    #[test]
    fn the_machine_itself_is_not_limited_per_address() {
        let gates = Gates::new(Limits {
            connections_per_address: 1,
            ..Limits::default()
        });
        for local in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
            let ip = gates.client_address(peer(local), &HeaderMap::new());
            assert_eq!(ip, None, "{local}");
            let _slots: Vec<_> = (0..5).map(|_| gates.open_socket(ip).unwrap()).collect();
        }
    }

    #[test]
    fn forwarded_for_is_used_only_when_trusted_and_only_its_last_entry() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "198.51.100.1, 203.0.113.9".parse().unwrap(),
        );
        let untrusted = Gates::new(Limits::default());
        assert_eq!(untrusted.client_address(peer("127.0.0.1"), &headers), None);
        let trusted = Gates::new(Limits {
            trust_forwarded_for: true,
            ..Limits::default()
        });
        assert_eq!(
            trusted.client_address(peer("127.0.0.1"), &headers),
            Some("203.0.113.9".parse().unwrap()),
            "the entry the proxy added, not one the client wrote"
        );
    }

    #[test]
    fn guard_checks_are_limited_per_address() {
        let gates = Gates::new(Limits {
            guard_checks_per_second: 1,
            guard_check_burst: 3,
            ..Limits::default()
        });
        let ip = Some("203.0.113.7".parse().unwrap());
        let allowed = (0..10).filter(|_| gates.guard_check_allowed(ip)).count();
        assert_eq!(allowed, 3);
        assert!(gates.guard_check_allowed(Some("203.0.113.8".parse().unwrap())));
        assert!(
            gates.guard_check_allowed(None),
            "the machine itself is not limited"
        );
    }
}
