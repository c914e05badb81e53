//! What each connection task does: the chair sends its commands on schedule (each producing
//! exactly one event) and checks their acks; everyone reads until the run stops.

use crate::conn::{open, Conn};
use crate::frames::In;
use crate::tally::{Global, Outcome, Room};
use e2e::fixtures::DEMO_SERVICES;
use futures_util::StreamExt;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// The chair's `k`-th command (without `req`).
fn action(g: &Global, room: &Room, k: usize) -> String {
    if k < g.items {
        let services = [
            DEMO_SERVICES[(room.index + k) % DEMO_SERVICES.len()],
            DEMO_SERVICES[(room.index + k + 3) % DEMO_SERVICES.len()],
        ];
        format!(
            r#"{{"type":"submit_item","item":{{"kind":"client_case","title":"Kuormitustesti {k}","summary":"Iäkäs asiakas, toistuvat päivystyskäynnit ja asumisen ongelmat.","question":"Mikä palvelu ottaa kokonaisuuden haltuun?","services_wanted":["{}","{}"],"themes":["older_client","homelessness"]}}"#,
            services[0], services[1]
        )
    } else if k == g.items {
        r#"{"type":"start_item","item":"i1""#.to_owned()
    } else {
        match (k - g.items - 1) % 3 {
            0 => r#"{"type":"pause""#.to_owned(),
            1 => r#"{"type":"resume""#.to_owned(),
            _ => r#"{"type":"extend","minutes":1"#.to_owned(),
        }
    }
}

/// The chair: waits for the go signal, then sends its actions on schedule.
pub async fn chair_actions(c: &mut Conn) -> Result<(), String> {
    let g = c.g.clone();
    let room = c.room.clone();
    let mut go = g.go.clone();
    let start = loop {
        if let Some(at) = *go.borrow_and_update() {
            break at;
        }
        tokio::select! {
            msg = c.ws.next() => {
                if let In::Closed(why) = c.absorb(msg) {
                    g.lost.fetch_add(1, Relaxed);
                    return Err(format!("connection lost before actions: {why}"));
                }
            }
            r = go.changed() => if r.is_err() { return Err("go signal dropped".into()) },
        }
    };
    // Every join of the room produced one event: read up to there so the base is known.
    let base = room.joins.load(Relaxed);
    let deadline = Instant::now() + Duration::from_secs(30);
    while c.last_seq < base {
        let msg = tokio::time::timeout_at(deadline, c.ws.next())
            .await
            .map_err(|_| format!("chair saw seq {} of {base} join events", c.last_seq))?;
        if let In::Closed(why) = c.absorb(msg) {
            g.lost.fetch_add(1, Relaxed);
            return Err(format!("connection lost: {why}"));
        }
    }
    let base = c.last_seq;
    if base as usize + g.actions >= room.sent.len() {
        return Err(format!("room seq {base} larger than expected"));
    }
    room.final_seq.store(base + g.actions as u64, Relaxed);
    let offset = g.interval.mul_f64(room.index as f64 / g.rooms as f64);
    for k in 0..g.actions {
        let at = start + offset + g.interval * k as u32;
        if Instant::now() > at + g.interval {
            c.out.behind_schedule += 1;
        }
        if !c.read_until(at).await {
            return Err("connection lost".into());
        }
        let expect = base + 1 + k as u64;
        let req = 100 + k as u64;
        let mut cmd = action(&g, &room, k);
        cmd.push_str(&format!(r#","req":{req}}}"#));
        let sent_at = g.nanos();
        room.sent[expect as usize].store(sent_at + 1, Relaxed);
        c.send(cmd).await?;
        let ack = c
            .until(
                "ack",
                |m| matches!(m, In::Ack { req: Some(r), .. } if *r == req),
            )
            .await?;
        let since_go = Instant::now().saturating_duration_since(start).as_millis() as u32;
        c.out.acks.push((
            ((g.nanos() - sent_at) / 1000).min(u32::MAX as u64) as u32,
            since_go,
        ));
        if let In::Ack { seq, .. } = ack {
            if seq != Some(expect) {
                g.seq_mismatch.fetch_add(1, Relaxed);
                g.problem(format!(
                    "room {}: action {k} acked with seq {seq:?}, expected {expect}",
                    room.index
                ));
            }
        }
    }
    Ok(())
}

/// One connection from connect to stop.
pub async fn connection(g: Arc<Global>, room: Arc<Room>, n: usize) -> Outcome {
    let mut c = match open(&g, &room, n).await {
        Ok(c) => c,
        Err(e) => {
            g.failed.fetch_add(1, Relaxed);
            g.problem(format!("room {} conn {n}: {e}", room.index));
            g.progress.notify_one();
            return Outcome::default();
        }
    };
    if c.chair {
        g.chairs_joined.fetch_add(1, Relaxed);
    }
    g.joined.fetch_add(1, Relaxed);
    g.progress.notify_one();
    if c.chair {
        if let Err(e) = chair_actions(&mut c).await {
            g.problem(format!("room {} chair: {e}", room.index));
            g.chair_failures.fetch_add(1, Relaxed);
            return std::mem::take(&mut c.out);
        }
    }
    let held = c.read_until_stop().await;
    let mut out = std::mem::take(&mut c.out);
    out.held = held;
    if !c.chair {
        let fin = room.final_seq.load(Relaxed);
        if fin > c.last_seq {
            out.missing = fin - c.last_seq;
        }
    }
    if held {
        let _ = tokio::time::timeout(Duration::from_secs(2), c.ws.close(None)).await;
    }
    out
}
