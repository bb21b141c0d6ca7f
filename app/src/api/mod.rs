//! Server functions: the app's whole API. Each checks who is asking on the
//! server, then hands over to a service in `backend`. Mutations accept plain
//! HTML form posts and redirect afterwards (see `backend::forms`).

pub mod account;
pub mod campaigns;
pub mod ledger;
pub mod reads;
pub mod social;
