//! The PostgreSQL store over TLS, and what happens when the channel cannot be trusted: a
//! server whose certificate is signed by the CA the URL names (`sslrootcert`, as libpq takes
//! it) is used over TLS; one whose certificate does not verify, or a server without TLS when
//! the URL says `sslmode=require`, is refused and ppt-hub does not start (it never falls back
//! to a channel it cannot trust).

use e2e::postgres::Postgres;
use e2e::server::{serve_output, serve_output_while, PgDatabase};
use e2e::TOKEN;
use std::path::Path;

#[test]
fn the_store_is_used_over_tls_when_its_certificate_verifies_and_refused_when_not() {
    let pg = Postgres::with_tls();
    let ca = pg.ca.clone().expect("a CA for the TLS server");
    let db = PgDatabase::create(&pg.base);
    let token = ["--coordinator-token", TOKEN];

    // Signed by the CA the URL names: it starts, and its sessions are encrypted. (The test
    // server trusts every local login, so the password is not checked, only never shown.)
    let with_password = db.url().replacen("postgres@", "postgres:s3cret-pw@", 1);
    let url = format!(
        "{with_password}?sslmode=require&sslrootcert={}",
        ca.display()
    );
    let mut encrypted = String::new();
    let run = serve_output_while(Path::new(&url), &token, |_| {
        encrypted = db
            .query(&format!(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                  WHERE a.datname = '{}' AND s.ssl",
                db.name()
            ))
            .expect("pg_stat_ssl");
    });
    assert!(run.listened, "it starts over TLS: {}", run.stderr);
    let sessions: u32 = encrypted.trim().parse().unwrap();
    assert!(sessions >= 3, "its sessions use TLS ({sessions})");
    let shown = run
        .stdout
        .iter()
        .find(|l| l.starts_with("database:"))
        .unwrap();
    assert!(shown.contains("postgres@127.0.0.1"), "{shown}");
    assert!(
        !run.stdout.join("\n").contains("s3cret-pw") && !run.stderr.contains("s3cret-pw"),
        "the password is never printed or logged"
    );

    // The same server without the CA: the certificate does not verify, and it does not start.
    let unverified = format!("{}?sslmode=require", db.url());
    let run = serve_output(Path::new(&unverified), &token);
    assert!(!run.listened);
    assert_ne!(run.exit_code, Some(0));
    assert!(
        run.stderr.contains("certificate verify failed"),
        "says why: {}",
        run.stderr
    );
}

#[test]
fn a_store_without_tls_is_refused_when_the_url_requires_it() {
    let pg = Postgres::any();
    let db = PgDatabase::create(&pg.base);
    let url = format!("{}?sslmode=require", db.url());
    let run = serve_output(Path::new(&url), &["--coordinator-token", TOKEN]);
    assert!(!run.listened);
    assert!(
        run.stderr.contains("does not support TLS"),
        "says why: {}",
        run.stderr
    );
}
