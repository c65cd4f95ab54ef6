//! Password hashing with argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane).
//! Hashing is CPU-bound and slow by design, so it runs on the blocking pool, and a semaphore
//! bounds how many run at once: a burst of sign-ins queues instead of starving the server.

use std::sync::Arc;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;
use crate::server::infra::db::internal;

#[derive(Clone, Debug)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A real hash of a random password: verifying against it when the account does not exist
    /// takes as long as a real check, so timing does not reveal which emails are registered.
    decoy: Arc<String>,
}

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::PasswordHasher as _;
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

impl PasswordHasher {
    /// `concurrency`: how many hashes may run at once (the number of cores is a good value).
    pub fn new(concurrency: usize) -> Result<PasswordHasher, AppError> {
        let decoy_secret = uuid::Uuid::new_v4().to_string();
        let decoy = hash_blocking(&decoy_secret).map_err(internal)?;
        Ok(PasswordHasher {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            decoy: Arc::new(decoy),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let _permit = self.permits.acquire().await.map_err(internal)?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(internal)?
            .map_err(internal)
    }

    /// Checks a password against a stored hash; with no hash (unknown account, or one that never
    /// set a password) it still does the work and answers false.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, AppError> {
        let _permit = self.permits.acquire().await.map_err(internal)?;
        let (target, real) = match hash {
            Some(h) => (h, true),
            None => (self.decoy.as_ref().clone(), false),
        };
        let ok = tokio::task::spawn_blocking(move || verify_blocking(&password, &target))
            .await
            .map_err(internal)?;
        Ok(ok && real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_reject() {
        let h = PasswordHasher::new(2).expect("hasher");
        let stored = h.hash("benar sekali 123".into()).await.expect("hash");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(h
            .verify("benar sekali 123".into(), Some(stored.clone()))
            .await
            .expect("verify"));
        assert!(!h
            .verify("salah".into(), Some(stored))
            .await
            .expect("verify"));
        assert!(!h.verify("apa saja".into(), None).await.expect("verify"));
    }
}
