//! A short-lived cache of counts (the dashboard's period counts, a list's total) and of the
//! directory's picker, the repeated reads of the busiest pages. Entries live for [`crate::Config::counts_ttl`] and
//! are dropped at once when this process changes anything, so a user sees their own change
//! immediately; a change made through another replica shows within the TTL. Nothing in it is
//! needed by other replicas: it only spares the database repeated sums.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dondoc_store::OrgCounts;

/// Values by key, each with the instant it was read.
type Timed<V> = Mutex<HashMap<String, (Instant, V)>>;

/// The cached values, by a key that spells out every argument of the read.
#[derive(Debug, Default)]
pub struct Cache {
    ttl: Duration,
    periods: Timed<Vec<OrgCounts>>,
    totals: Timed<u64>,
    /// The directory as (id, name) in Vietnamese order, for the pages' pickers.
    orgs: Timed<Vec<(String, String)>>,
}

/// At most this many entries of each kind (then the cache starts afresh).
const MAX_ENTRIES: usize = 4096;

fn get<V: Clone>(m: &Timed<V>, key: &str, ttl: Duration) -> Option<V> {
    let m = m.lock().ok()?;
    m.get(key)
        .filter(|(at, _)| at.elapsed() < ttl)
        .map(|(_, v)| v.clone())
}

fn put<V>(m: &Timed<V>, key: String, v: V) {
    if let Ok(mut m) = m.lock() {
        if m.len() >= MAX_ENTRIES {
            m.clear();
        }
        m.insert(key, (Instant::now(), v));
    }
}

impl Cache {
    pub fn new(ttl: Duration) -> Cache {
        Cache {
            ttl,
            ..Cache::default()
        }
    }

    pub fn period(&self, key: &str) -> Option<Vec<OrgCounts>> {
        get(&self.periods, key, self.ttl)
    }

    pub fn put_period(&self, key: String, v: Vec<OrgCounts>) {
        if !self.ttl.is_zero() {
            put(&self.periods, key, v);
        }
    }

    pub fn total(&self, key: &str) -> Option<u64> {
        get(&self.totals, key, self.ttl)
    }

    pub fn put_total(&self, key: String, v: u64) {
        if !self.ttl.is_zero() {
            put(&self.totals, key, v);
        }
    }

    pub fn orgs(&self) -> Option<Vec<(String, String)>> {
        get(&self.orgs, "", self.ttl)
    }

    pub fn put_orgs(&self, v: Vec<(String, String)>) {
        if !self.ttl.is_zero() {
            put(&self.orgs, String::new(), v);
        }
    }

    /// Forgets everything (after a change made by this process).
    pub fn clear(&self) {
        if let Ok(mut m) = self.orgs.lock() {
            m.clear();
        }
        if let Ok(mut m) = self.periods.lock() {
            m.clear();
        }
        if let Ok(mut m) = self.totals.lock() {
            m.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let c = Cache::new(Duration::from_millis(50));
        c.put_total("a".into(), 3);
        assert_eq!(c.total("a"), Some(3));
        c.clear();
        assert_eq!(c.total("a"), None);
        c.put_total("a".into(), 4);
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(c.total("a"), None);
        let off = Cache::new(Duration::ZERO);
        off.put_total("a".into(), 1);
        assert_eq!(off.total("a"), None);
    }
}
