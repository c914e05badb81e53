//! Comparing room copies with the server's: a fresh snapshot, and the check that every
//! client's copy equals it once all have caught up.

use crate::client::Client;
use crate::fixtures::Meeting;
use shared::room::RoomState;

/// Asks the server for a fresh snapshot of the meeting with a throwaway chair connection.
pub async fn snapshot(addr: &str, meeting: &Meeting) -> (RoomState, u64, String) {
    let c = Client::hello(addr, &meeting.id, &meeting.chair_key).await;
    let state = c.state.clone().expect("snapshot");
    let seq = c.seq;
    let epoch = c.epoch.clone().unwrap();
    c.close().await;
    (state, seq, epoch)
}

/// Asks for a fresh snapshot on `observer`, waits until every client has caught up with it,
/// and asserts that every client's copy equals it. Returns the snapshot's state and seq.
pub async fn assert_in_step(
    observer: &mut Client,
    clients: &mut [&mut Client],
) -> (RoomState, u64) {
    let (state, seq) = observer.fetch_snapshot().await;
    for (i, c) in clients.iter_mut().enumerate() {
        c.wait_seq(seq).await;
        assert_eq!(c.seq, seq, "client {i} is ahead of the snapshot");
        assert_eq!(
            c.room(),
            &state,
            "client {i}'s copy differs from a fresh snapshot"
        );
    }
    (state, seq)
}
