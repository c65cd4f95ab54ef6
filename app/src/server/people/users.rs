//! Accounts: sign-in lookups, the current user, the admin's list, activation.

use crate::error::AppError;
use crate::models::{CurrentUser, Role, UserListItem};
use crate::server::infra::audit::AuditAction;
use crate::validation::Email;

use crate::server::infra::db::{flag, now_ms, parse_enum, Flag};
use crate::server::{infra::audit, infra::session_store, Db};

/// What sign-in needs to know about an account. Deliberately not `Serialize`: it holds the hash.
pub struct Credentials {
    pub id: i64,
    pub password_hash: Option<String>,
    pub active: bool,
}

pub async fn find_credentials(db: &Db, email: &Email) -> Result<Option<Credentials>, AppError> {
    let row: Option<(i64, Option<String>, i64)> =
        sqlx::query_as("SELECT id, password_hash, active FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(id, password_hash, active)| Credentials {
        id,
        password_hash,
        active: active != 0,
    }))
}

#[derive(sqlx::FromRow)]
struct CurrentUserRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    agency_id: Option<i64>,
    agency_name: Option<String>,
    unread: i64,
}

/// The user behind a session, if the account still exists and is active.
pub async fn load_current(db: &Db, user_id: i64) -> Result<Option<CurrentUser>, AppError> {
    Ok(load(db, user_id, false).await?.map(|(user, _)| user))
}

/// The same with how many of their notifications are unread, in the one query (a page's
/// header shows the count; a second round trip to the database cost every page more than the
/// count itself: docs/performance.md).
pub async fn load_current_with_unread(
    db: &Db,
    user_id: i64,
) -> Result<Option<(CurrentUser, u32)>, AppError> {
    load(db, user_id, true).await
}

async fn load(
    db: &Db,
    user_id: i64,
    with_unread: bool,
) -> Result<Option<(CurrentUser, u32)>, AppError> {
    let unread = if with_unread {
        "(SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)"
    } else {
        "0"
    };
    let sql = format!(
        "SELECT u.id, u.name, u.email, u.role, u.agency_id, a.name AS agency_name,
                CAST({unread} AS BIGINT) AS unread
         FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
         WHERE u.id = $1 AND u.active = 1"
    );
    let row: Option<CurrentUserRow> = sqlx::query_as(&sql)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let user = CurrentUser {
        role: parse_enum("role", &r.role, Role::parse)?,
        id: r.id,
        name: r.name,
        email: r.email,
        agency_id: r.agency_id,
        agency_name: r.agency_name,
    };
    Ok(Some((user, u32::try_from(r.unread).unwrap_or(u32::MAX))))
}

#[derive(sqlx::FromRow)]
struct UserListRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    agency_name: Option<String>,
    #[sqlx(try_from = "i64")]
    active: Flag,
    #[sqlx(try_from = "i64")]
    has_password: Flag,
}

pub async fn list(db: &Db) -> Result<Vec<UserListItem>, AppError> {
    let rows: Vec<UserListRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, u.role, u.active, a.name AS agency_name,
                CAST(CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_password
         FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
         ORDER BY u.role, a.name, u.name",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(UserListItem {
                role: parse_enum("role", &r.role, Role::parse)?,
                id: r.id,
                name: r.name,
                email: r.email,
                agency_name: r.agency_name,
                active: r.active.0,
                has_password: r.has_password.0,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// What a new account is made of.
pub struct NewUser<'a> {
    pub email: &'a Email,
    pub name: &'a str,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub password_hash: Option<String>,
}

pub async fn create<'e, E>(executor: E, user: NewUser<'_>) -> Result<i64, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    // Agency roles need an agency; a judge may work for one (and is never assigned its
    // proposals); an admin never does.
    let agency_ok = match user.role {
        Role::Judge => true,
        role => role.belongs_to_agency() == user.agency_id.is_some(),
    };
    if !agency_ok {
        return Err(AppError::Invalid(crate::error::FieldError::new(
            crate::error::Input::Agency,
            crate::error::Problem::Required,
        )));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, role, agency_id, active, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(user.email.as_str())
    .bind(user.name)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.agency_id)
    .bind(now_ms())
    .fetch_one(executor)
    .await?;
    Ok(id)
}

/// Sets a new password hash and ends the account's other sessions.
pub async fn set_password(db: &Db, user_id: i64, hash: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    session_store::end_sessions_of(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Activates or deactivates an account. Deactivation ends every session of that user at once.
pub async fn set_active(
    db: &Db,
    actor_id: i64,
    user_id: i64,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let before: Option<i64> = sqlx::query_scalar("SELECT active FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(before) = before else {
        return Err(AppError::NotFound);
    };
    sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
        .bind(flag(active))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if !active {
        session_store::end_sessions_of(&mut *tx, user_id).await?;
    }
    let action = if active {
        AuditAction::UserActivate
    } else {
        AuditAction::UserDeactivate
    };
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(actor_id, action, "user", user_id)
            .before(serde_json::json!({ "active": before != 0 }))
            .after(serde_json::json!({ "active": active })),
    )
    .await?;
    Ok(())
}

/// The id of the account with this email, if any.
pub async fn id_by_email(db: &Db, email: &Email) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(&db.pool)
        .await?)
}

/// A new account as the admin's form gives it, validated.
pub struct Invitation {
    pub email: Email,
    pub name: crate::validation::PersonName,
    pub role: Role,
    pub agency_id: Option<i64>,
}

/// Creates an account without a password (the person chooses one through the invitation link).
pub async fn invite(db: &Db, admin: &CurrentUser, inv: &Invitation) -> Result<i64, AppError> {
    use crate::error::{FieldError, Input, Problem};
    // An admin never belongs to an agency; the form may still send one.
    let agency_id = if inv.role == Role::Admin {
        None
    } else {
        inv.agency_id
    };
    let mut tx = db.begin_write().await?;
    if let Some(agency_id) = agency_id {
        let active: Option<i64> = sqlx::query_scalar("SELECT active FROM agencies WHERE id = $1")
            .bind(agency_id)
            .fetch_optional(&mut *tx)
            .await?;
        if active != Some(1) {
            return Err(FieldError::new(Input::Agency, Problem::NotAllowed).into());
        }
    }
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
        .bind(inv.email.as_str())
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(FieldError::new(Input::Email, Problem::AlreadyExists).into());
    }
    let id = create(
        &mut *tx,
        NewUser {
            email: &inv.email,
            name: inv.name.as_str(),
            role: inv.role,
            agency_id,
            password_hash: None,
        },
    )
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::UserCreate, "user", id).after(serde_json::json!({
            "email": inv.email.as_str(),
            "name": inv.name.as_str(),
            "role": inv.role.as_str(),
            "agency_id": agency_id,
        })),
    )
    .await?;
    Ok(id)
}
