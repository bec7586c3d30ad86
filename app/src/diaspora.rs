//! Diaspora presence: known figures per country with their sources, and anonymous
//! voluntary declarations, published only as aggregates of at least
//! [`PRIVACY_THRESHOLD`] declarations.

#[cfg(feature = "ssr")]
pub mod admin;
mod admin_page;
mod data;
mod declaration;
mod declare_page;
#[cfg(feature = "ssr")]
pub mod map;
#[cfg(feature = "ssr")]
mod map_data;
mod page;
#[cfg(feature = "ssr")]
pub mod service;

pub use admin_page::{FIGURES_PATH, Figure, FigureEditPage, FiguresPage, get_figure, get_figures};
pub use data::{CountryFigures, Declared, FigureView, SourceKind, get_diaspora};
pub use declaration::{NewDeclaration, SECTORS, sector_label};
pub use declare_page::{DECLARE_PATH, DeclarePage};
pub use page::DiasporaPage;

/// Fewer declarations than this in a country are shown as "< 5", never as a number.
pub const PRIVACY_THRESHOLD: i64 = 5;

/// The world map, drawn on the server from the current figures.
pub const MAP_PATH: &str = "/diaspora/carte.svg";

/// The cookie that remembers a browser has already declared its household.
pub const DECLARED_COOKIE: &str = "ccmex_declared";
