//! The points ledger's rules, as a small in-memory model.
//!
//! Every movement is a transfer between two accounts; a depositor's account
//! may never go below zero, the town's issuing account may (it is where
//! points come from), and a transfer's idempotency key may be used once:
//! replaying it returns the first outcome and moves nothing. The database
//! implementation in `backend::ledger` follows the same rules, enforced by
//! constraints; this model is what property tests compare it against.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// The town's issuing account: points are created by leaving it.
    Issuer,
    /// A resident's wallet. Never negative.
    Depositor,
    /// Points reserved for a claim, waiting to be captured or released.
    Hold,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Issuer => "issuer",
            AccountKind::Depositor => "depositor",
            AccountKind::Hold => "hold",
        }
    }

    pub fn may_go_negative(self) -> bool {
        matches!(self, AccountKind::Issuer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerError {
    NonPositiveAmount,
    SameAccount,
    UnknownAccount,
    InsufficientFunds { balance: i64, needed: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub transfer_no: u64,
    /// True when the key had been used before and nothing moved now.
    pub replayed: bool,
}

/// Pure check of one transfer against the source account's balance.
pub fn check_transfer(
    from_kind: AccountKind,
    from_balance: i64,
    amount: i64,
    same_account: bool,
) -> Result<(), LedgerError> {
    if amount <= 0 {
        return Err(LedgerError::NonPositiveAmount);
    }
    if same_account {
        return Err(LedgerError::SameAccount);
    }
    if !from_kind.may_go_negative() && from_balance < amount {
        return Err(LedgerError::InsufficientFunds { balance: from_balance, needed: amount });
    }
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct Model {
    accounts: HashMap<u64, (AccountKind, i64)>,
    keys: HashMap<String, u64>,
    transfers: Vec<(u64, u64, i64)>,
}

impl Model {
    pub fn open(&mut self, id: u64, kind: AccountKind) {
        self.accounts.entry(id).or_insert((kind, 0));
    }

    pub fn balance(&self, id: u64) -> Option<i64> {
        self.accounts.get(&id).map(|(_, b)| *b)
    }

    pub fn transfer(&mut self, key: &str, from: u64, to: u64, amount: i64) -> Result<Posted, LedgerError> {
        if let Some(&n) = self.keys.get(key) {
            return Ok(Posted { transfer_no: n, replayed: true });
        }
        let (from_kind, from_balance) = *self.accounts.get(&from).ok_or(LedgerError::UnknownAccount)?;
        if !self.accounts.contains_key(&to) {
            return Err(LedgerError::UnknownAccount);
        }
        check_transfer(from_kind, from_balance, amount, from == to)?;
        self.accounts.get_mut(&from).expect("checked").1 -= amount;
        self.accounts.get_mut(&to).expect("checked").1 += amount;
        self.transfers.push((from, to, amount));
        let n = self.transfers.len() as u64;
        self.keys.insert(key.to_string(), n);
        Ok(Posted { transfer_no: n, replayed: false })
    }

    /// Sum over all balances: always zero, since every transfer moves points
    /// from one account to another.
    pub fn books_total(&self) -> i64 {
        self.accounts.values().map(|(_, b)| b).sum()
    }

    /// Balance recomputed from the transfers alone.
    pub fn replayed_balance(&self, id: u64) -> i64 {
        self.transfers
            .iter()
            .map(|&(f, t, a)| if t == id { a } else if f == id { -a } else { 0 })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn award_then_overspend_is_refused() {
        let mut m = Model::default();
        m.open(0, AccountKind::Issuer);
        m.open(1, AccountKind::Depositor);
        m.open(2, AccountKind::Hold);
        m.transfer("a", 0, 1, 5).unwrap();
        assert_eq!(
            m.transfer("b", 1, 2, 6),
            Err(LedgerError::InsufficientFunds { balance: 5, needed: 6 })
        );
        assert_eq!(m.balance(1), Some(5));
        assert_eq!(m.books_total(), 0);
    }

    #[test]
    fn replaying_a_key_moves_nothing() {
        let mut m = Model::default();
        m.open(0, AccountKind::Issuer);
        m.open(1, AccountKind::Depositor);
        let first = m.transfer("checkin:1:1:2026-03-01", 0, 1, 2).unwrap();
        let again = m.transfer("checkin:1:1:2026-03-01", 0, 1, 2).unwrap();
        assert!(!first.replayed && again.replayed);
        assert_eq!(first.transfer_no, again.transfer_no);
        assert_eq!(m.balance(1), Some(2));
        assert_eq!(m.replayed_balance(1), 2);
    }

    #[test]
    fn rejects_zero_and_self_transfers() {
        assert_eq!(check_transfer(AccountKind::Issuer, 0, 0, false), Err(LedgerError::NonPositiveAmount));
        assert_eq!(check_transfer(AccountKind::Issuer, 0, 1, true), Err(LedgerError::SameAccount));
        assert!(check_transfer(AccountKind::Issuer, -100, 1, false).is_ok());
    }
}
