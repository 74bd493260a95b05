//! Accounts, role grants and server-side sessions. Sessions live in the database so that
//! several instances behind one load balancer share them; only a hash of the session token is
//! stored, so a leaked database does not leak live sessions.

use agora_core::auth::{Grant, Grants, Role};
use serde::Serialize;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::{Actor, Result, Store, StoreError, audit, constraint_as, now_ms, row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
}

/// An account to create; `password_hash` is a PHC string (argon2id), never a password.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

/// A global grant is stored with scope `*`, since NULLs never collide in a UNIQUE constraint.
const GLOBAL_SCOPE: &str = "*";

fn user(r: &AnyRow) -> Result<User> {
    Ok(User {
        id: row::uuid(r, "id")?,
        email: row::text(r, "email")?,
        display_name: row::text(r, "display_name")?,
    })
}

fn grant(r: &AnyRow) -> Result<Grant> {
    let role = row::text(r, "role")?;
    let scope = row::text(r, "scope")?;
    Ok(Grant {
        id: row::uuid(r, "id")?,
        user_id: row::uuid(r, "user_id")?,
        role: Role::from_code(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
        process_id: if scope == GLOBAL_SCOPE {
            None
        } else {
            Some(
                Uuid::parse_str(&scope)
                    .map_err(|_| StoreError::Corrupt(format!("grant scope {scope}")))?,
            )
        },
    })
}

impl Store {
    /// Creates an account, optionally with a first global role, in one transaction.
    pub async fn create_user(
        &self,
        actor: Actor,
        new: &NewUser<'_>,
        role: Option<Role>,
    ) -> Result<User> {
        let mut tx = self.write().await?;
        let created = insert_user(&mut tx, new).await?;
        let actor = actor.or(Some(created.id));
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "user",
            &created.id.to_string(),
            None,
            Some(&created),
        )
        .await?;
        if let Some(role) = role {
            insert_grant(&mut tx, actor, created.id, role, None).await?;
        }
        tx.commit().await?;
        Ok(created)
    }

    /// The account and its password hash, for sign-in.
    pub async fn user_with_hash(&self, email: &str) -> Result<Option<(User, String)>> {
        let found = sqlx::query(
            "SELECT id, email, display_name, password_hash FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        found
            .map(|r| Ok((user(&r)?, row::text(&r, "password_hash")?)))
            .transpose()
    }

    pub async fn user(&self, id: Uuid) -> Result<Option<User>> {
        let found = sqlx::query("SELECT id, email, display_name FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(user).transpose()
    }

    /// Every account, by email (the admin page).
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query("SELECT id, email, display_name FROM users ORDER BY email")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(user).collect()
    }

    pub async fn grants_of(&self, user_id: Uuid) -> Result<Grants> {
        let rows = sqlx::query(
            "SELECT id, user_id, role, scope FROM grants WHERE user_id = $1 ORDER BY role, scope",
        )
        .bind(user_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        Ok(Grants(rows.iter().map(grant).collect::<Result<_>>()?))
    }

    pub async fn grant_role(
        &self,
        actor: Actor,
        user_id: Uuid,
        role: Role,
        process_id: Option<Uuid>,
    ) -> Result<Grant> {
        let mut tx = self.write().await?;
        let granted = insert_grant(&mut tx, actor, user_id, role, process_id).await?;
        tx.commit().await?;
        Ok(granted)
    }

    pub async fn revoke_grant(&self, actor: Actor, grant_id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let found = sqlx::query("SELECT id, user_id, role, scope FROM grants WHERE id = $1")
            .bind(grant_id.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let revoked = grant(&found)?;
        sqlx::query("DELETE FROM grants WHERE id = $1")
            .bind(grant_id.to_string())
            .execute(&mut *tx)
            .await?;
        audit::record::<_, ()>(
            &mut tx,
            actor,
            "revoke",
            "grant",
            &grant_id.to_string(),
            Some(&revoked),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores a new session for `user_id`, valid until `expires_at`.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: Uuid,
        expires_at: jiff::Timestamp,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id.to_string())
            .bind(now_ms())
            .bind(expires_at.as_millisecond())
            .execute(&mut *tx)
            .await?;
        // The token hash stays out of the log: only who signed in, and until when.
        let until = serde_json::json!({ "expires_at": expires_at });
        audit::record::<(), _>(
            &mut tx,
            Some(user_id),
            "sign-in",
            "session",
            &user_id.to_string(),
            None,
            Some(&until),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The account behind a live session, or None if it is unknown or expired at `now`.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: jiff::Timestamp,
    ) -> Result<Option<User>> {
        let found = sqlx::query(
            "SELECT u.id, u.email, u.display_name FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.as_millisecond())
        .fetch_optional(&self.pool)
        .await?;
        found.as_ref().map(user).transpose()
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let mut tx = self.write().await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = ended {
            let user_id = row::uuid(&row, "user_id")?;
            audit::record::<(), ()>(
                &mut tx,
                Some(user_id),
                "sign-out",
                "session",
                &user_id.to_string(),
                None,
                None,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn purge_sessions(&self, now: jiff::Timestamp) -> Result<u64> {
        self.purge(
            "DELETE FROM sessions WHERE expires_at <= $1",
            "session",
            now,
        )
        .await
    }
}

async fn insert_grant(
    conn: &mut sqlx::AnyConnection,
    actor: Actor,
    user_id: Uuid,
    role: Role,
    process_id: Option<Uuid>,
) -> Result<Grant> {
    let granted = Grant {
        id: agora_core::new_id(),
        user_id,
        role,
        process_id,
    };
    sqlx::query(
        "INSERT INTO grants (id, user_id, role, scope, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(granted.id.to_string())
    .bind(user_id.to_string())
    .bind(role.code())
    .bind(process_id.map_or_else(|| GLOBAL_SCOPE.to_owned(), |p| p.to_string()))
    .bind(now_ms())
    .execute(&mut *conn)
    .await
    .map_err(|e| match constraint_as("role")(e) {
        StoreError::MissingReference { .. } => StoreError::MissingReference { field: "user_id" },
        other => other,
    })?;
    audit::record::<(), _>(
        conn,
        actor,
        "grant",
        "grant",
        &granted.id.to_string(),
        None,
        Some(&granted),
    )
    .await?;
    Ok(granted)
}

/// Writes a new account on `conn` (inside the caller's transaction, which audits it).
pub(crate) async fn insert_user(conn: &mut sqlx::AnyConnection, new: &NewUser<'_>) -> Result<User> {
    let created = User {
        id: agora_core::new_id(),
        email: new.email.to_owned(),
        display_name: new.display_name.to_owned(),
    };
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(created.id.to_string())
    .bind(&created.email)
    .bind(&created.display_name)
    .bind(new.password_hash)
    .bind(now_ms())
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("email"))?;
    Ok(created)
}
