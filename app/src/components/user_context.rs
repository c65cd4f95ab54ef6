//! Who is signed in, as every component of a page sees it.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::CurrentUser;

/// The signed-in user (or none), loaded once per page by the root component (`app.rs`) and
/// shared with every component.
#[derive(Clone, Copy)]
pub struct UserContext(pub Resource<Result<Option<CurrentUser>, AppError>>);
