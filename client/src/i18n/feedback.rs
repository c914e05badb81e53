//! Texts of issue 13's feedback page. Finnish first, then Swedish and English, in the parent
//! module's table form.

use super::Lang;

texts! {
    title: "", "", "";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
