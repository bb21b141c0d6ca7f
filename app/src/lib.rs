//! 文明银行 — the Leptos app: pages, islands, server functions and the
//! types they share. With `ssr` it also carries the server-only backend.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod model;
pub mod pages;
pub mod shell;
pub mod urls;

#[cfg(feature = "ssr")]
pub mod backend;

pub use shell::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
