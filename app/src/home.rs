//! The home page: what the CCMEX is, its nine objectives, the current session.

mod data;
mod page;
#[cfg(feature = "ssr")]
mod service;

pub use data::{HomeData, get_home};
pub use page::HomePage;
