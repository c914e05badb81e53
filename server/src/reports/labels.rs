//! Export language and the names of things: the shared table (`shared::labels`), so the
//! minutes call a theme what the screen calls it.

pub use shared::labels::Lang;
