//! The printable minutes: headless Chromium prints the HTML export to a PDF, and the first page
//! is saved as a picture (e2e/artifacts/) for a person to look at.

use e2e::fixtures::minutes;
use e2e::{run_meeting, Server};
use std::path::PathBuf;
use std::process::Command;

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn chromium(args: &[String]) {
    let profile = std::env::temp_dir().join(format!("ppt-print-{}", std::process::id()));
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .status()
        .expect("chromium runs (Debian package chromium)");
    let _ = std::fs::remove_dir_all(profile);
    assert!(status.success());
}

#[tokio::test]
async fn the_minutes_print_to_a_clean_pdf() {
    let server = Server::start(&[]);
    let m = run_meeting(&server, "kalasatama", "2026-10-13T13:00:00+03:00").await;
    let (status, html) = minutes(&server, &m, "html").await;
    assert_eq!(status, 200);
    assert!(html.starts_with("<!doctype html>"), "{html}");
    let dir = artifacts();
    let page = dir.join("minutes.html");
    std::fs::write(&page, &html).unwrap();
    let pdf = dir.join("minutes.pdf");
    let _ = std::fs::remove_file(&pdf);
    chromium(&[
        "--no-pdf-header-footer".into(),
        format!("--print-to-pdf={}", pdf.display()),
        format!("file://{}", page.display()),
    ]);
    let bytes = std::fs::read(&pdf).expect("a PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert!(bytes.len() > 5_000, "with content: {} bytes", bytes.len());
    // The first page as a picture, through poppler when present, else the page at A4 width.
    let png = dir.join("minutes-page1");
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !rendered {
        chromium(&[
            format!("--screenshot={}.png", png.display()),
            "--window-size=794,1123".into(),
            format!("file://{}", page.display()),
        ]);
    }
    assert!(dir.join("minutes-page1.png").is_file());
}
