//! One bound on password hashing for the whole process (server only).
//!
//! Each argon2 hash or check takes 19 MiB and tens of milliseconds of CPU on a blocking
//! thread. Without a bound, a burst of sign-ins (a few IPv4 addresses, or one IPv6 /64,
//! stay within the per-IP limits) queues hundreds of them and exhausts memory (#14 item 6).
//! Every argon2 call made for a request (sign-in, the dummy hash of an unknown address,
//! password change, account creation) goes through [`PasswordHashing::run`]: at most
//! `permits` run at once, and a request that finds them all taken is answered at once with
//! [`AppError::Busy`] (503, `Retry-After`) instead of waiting in an unbounded queue.

use crate::error::AppError;
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};
use tokio::sync::Semaphore;

/// The process's password hashing permits (cheap to clone: one shared bound).
#[derive(Debug, Clone)]
pub struct PasswordHashing {
    permits: Arc<Semaphore>,
    size: usize,
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
    runs: Arc<AtomicUsize>,
}

impl Default for PasswordHashing {
    /// Twice the cores (see [`PasswordHashing::default_permits`]).
    fn default() -> Self {
        PasswordHashing::new(PasswordHashing::default_permits())
    }
}

impl PasswordHashing {
    /// At most `permits` hashes at once (at least one).
    pub fn new(permits: usize) -> Self {
        let size = permits.max(1);
        PasswordHashing {
            permits: Arc::new(Semaphore::new(size)),
            size,
            running: Arc::default(),
            peak: Arc::default(),
            runs: Arc::default(),
        }
    }

    /// Twice the cores this process may use: enough to keep them busy while a thread
    /// waits to be scheduled, and at most a few dozen MiB of argon2 memory.
    pub fn default_permits() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get()) * 2
    }

    /// How many hashes may run at once.
    pub fn permits(&self) -> usize {
        self.size
    }

    /// The most hashes seen running at once since start (for tests and metrics).
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Acquire)
    }

    /// How many hashes were started since start (for tests and metrics).
    pub fn runs(&self) -> usize {
        self.runs.load(Ordering::Acquire)
    }

    /// Runs `work` (an argon2 call) on a blocking thread under a permit; `Busy` at once
    /// when every permit is taken, `Internal` if the work panicked.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() else {
            tracing::warn!(permits = self.size, "password hashing busy");
            return Err(AppError::Busy);
        };
        self.runs.fetch_add(1, Ordering::AcqRel);
        let running = Arc::clone(&self.running);
        let peak = Arc::clone(&self.peak);
        tokio::task::spawn_blocking(move || {
            let now = running.fetch_add(1, Ordering::AcqRel) + 1;
            peak.fetch_max(now, Ordering::AcqRel);
            let result = work();
            running.fetch_sub(1, Ordering::AcqRel);
            // Released only once the hash is done, even if the request was dropped.
            drop(permit);
            result
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "password hashing");
            AppError::Internal
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_bound_answers_busy_at_once_and_frees_its_permit_after_the_work() {
        let hashing = PasswordHashing::new(1);
        let (started, is_started) = std::sync::mpsc::channel::<()>();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let first = {
            let hashing = hashing.clone();
            tokio::spawn(async move {
                hashing
                    .run(move || {
                        let _ = started.send(());
                        let _ = released.recv();
                    })
                    .await
            })
        };
        tokio::task::spawn_blocking(move || is_started.recv())
            .await
            .ok();

        assert_eq!(hashing.run(|| ()).await, Err(AppError::Busy));
        let _ = release.send(());
        assert_eq!(first.await.ok(), Some(Ok(())));
        assert_eq!(hashing.run(|| 7).await, Ok(7));
        assert_eq!(hashing.peak(), 1);
    }
}
