//! Rules of the civic points bank that need neither a browser nor a database.
//! Everything here is plain Rust and unit-tested directly.

pub mod account;
pub mod campaign;
pub mod catalogue;
pub mod checkin;
pub mod ledger;
pub mod localday;
pub mod passbook;
pub mod phone;
pub mod post;
pub mod role;
pub mod streak;
