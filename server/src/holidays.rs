//! Finnish public holidays (and the de-facto days off a meeting should not fall on), so a
//! meeting generated on one can be flagged for the coordinator to move.
//!
//! Fixed dates are listed; the movable ones follow Easter (from the `computus` crate, a small
//! maintained implementation of the Gregorian computus) or the Finnish rules for Midsummer and
//! All Saints' Day (the Saturday between two dates).

use jiff::civil::{Date, Weekday};

/// The Finnish name of the holiday on `date`, if it is one.
pub fn finnish_holiday(date: Date) -> Option<&'static str> {
    let (m, d) = (date.month(), date.day());
    let fixed = match (m, d) {
        (1, 1) => Some("Uudenvuodenpäivä"),
        (1, 6) => Some("Loppiainen"),
        (5, 1) => Some("Vappu"),
        (12, 6) => Some("Itsenäisyyspäivä"),
        (12, 24) => Some("Jouluaatto"),
        (12, 25) => Some("Joulupäivä"),
        (12, 26) => Some("Tapaninpäivä"),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if let Some(easter) = easter(date.year()) {
        let offset = (date - easter).get_days();
        let movable = match offset {
            -2 => Some("Pitkäperjantai"),
            0 => Some("Pääsiäispäivä"),
            1 => Some("2. pääsiäispäivä"),
            39 => Some("Helatorstai"),
            49 => Some("Helluntaipäivä"),
            _ => None,
        };
        if movable.is_some() {
            return movable;
        }
    }
    let weekday = date.weekday();
    match (m, d, weekday) {
        (6, 19..=25, Weekday::Friday) => Some("Juhannusaatto"),
        (6, 20..=26, Weekday::Saturday) => Some("Juhannuspäivä"),
        (10, 31, Weekday::Saturday) | (11, 1..=6, Weekday::Saturday) => Some("Pyhäinpäivä"),
        _ => None,
    }
}

/// The Swedish and English names of a holiday, from its Finnish name.
pub fn translations(fi: &str) -> (&'static str, &'static str) {
    match fi {
        "Uudenvuodenpäivä" => ("Nyårsdagen", "New Year's Day"),
        "Loppiainen" => ("Trettondagen", "Epiphany"),
        "Vappu" => ("Första maj", "May Day"),
        "Itsenäisyyspäivä" => ("Självständighetsdagen", "Independence Day"),
        "Jouluaatto" => ("Julafton", "Christmas Eve"),
        "Joulupäivä" => ("Juldagen", "Christmas Day"),
        "Tapaninpäivä" => ("Annandag jul", "Boxing Day"),
        "Pitkäperjantai" => ("Långfredagen", "Good Friday"),
        "Pääsiäispäivä" => ("Påskdagen", "Easter Sunday"),
        "2. pääsiäispäivä" => ("Annandag påsk", "Easter Monday"),
        "Helatorstai" => ("Kristi himmelsfärdsdag", "Ascension Day"),
        "Helluntaipäivä" => ("Pingstdagen", "Whit Sunday"),
        "Juhannusaatto" => ("Midsommarafton", "Midsummer Eve"),
        "Juhannuspäivä" => ("Midsommardagen", "Midsummer Day"),
        "Pyhäinpäivä" => ("Alla helgons dag", "All Saints' Day"),
        _ => ("", ""),
    }
}

fn easter(year: i16) -> Option<Date> {
    let e = computus::gregorian(year as i32).ok()?;
    Date::new(year, e.month as i8, e.day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn fixed_and_movable_holidays_of_2026_and_2027() {
        assert_eq!(finnish_holiday(date(2026, 12, 24)), Some("Jouluaatto"));
        assert_eq!(finnish_holiday(date(2026, 12, 6)), Some("Itsenäisyyspäivä"));
        // Easter 2026 is 5 April; 2027 is 28 March.
        assert_eq!(finnish_holiday(date(2026, 4, 3)), Some("Pitkäperjantai"));
        assert_eq!(finnish_holiday(date(2026, 4, 6)), Some("2. pääsiäispäivä"));
        assert_eq!(finnish_holiday(date(2026, 5, 14)), Some("Helatorstai"));
        assert_eq!(finnish_holiday(date(2027, 3, 26)), Some("Pitkäperjantai"));
        assert_eq!(finnish_holiday(date(2026, 6, 19)), Some("Juhannusaatto"));
        assert_eq!(finnish_holiday(date(2026, 10, 31)), Some("Pyhäinpäivä"));
    }

    #[test]
    fn ordinary_days_are_not_holidays() {
        assert_eq!(finnish_holiday(date(2026, 12, 8)), None);
        assert_eq!(finnish_holiday(date(2026, 6, 26)), None);
        assert_eq!(finnish_holiday(date(2026, 4, 7)), None);
    }
}
